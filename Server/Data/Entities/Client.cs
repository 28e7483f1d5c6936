namespace MiniOAuth.Server.Data.Entities;

/// <summary>An application registered with the server (RFC 6749 §2).</summary>
public sealed class Client
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary>Confidential clients authenticate with a secret; public ones cannot keep one (RFC 6749 §2.1).</summary>
    public bool IsConfidential { get; set; }

    /// <summary>SHA-256 of the client secret; null for public clients.</summary>
    public byte[]? SecretHash { get; set; }

    /// <summary>SHA-256 of the API key that reaches the userdata store; null when the client has none.</summary>
    public byte[]? ApiKeyHash { get; set; }

    /// <summary>Compared by exact string equality (RFC 9700 §4.1.3).</summary>
    public List<string> RedirectUris { get; set; } = [];

    public List<string> AllowedGrants { get; set; } = [];
    public List<string> AllowedScopes { get; set; } = [];
    public bool RequirePkce { get; set; }

    /// <summary>
    /// A protected API rather than an app: it may introspect every token of this server (RFC 7662 §2.1),
    /// and has no redirect URIs and no user grants. Confidential; set at registration only.
    /// </summary>
    public bool IsResourceServer { get; init; }

    public DateTime CreatedAt { get; init; }
}
