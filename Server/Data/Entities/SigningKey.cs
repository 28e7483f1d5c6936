namespace MiniOAuth.Server.Data.Entities;

/// <summary>A key that signs access tokens, shared by every server instance through the database.</summary>
public sealed class SigningKey
{
    /// <summary>The <c>kid</c> published in the JWKS.</summary>
    public required string Id { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>The private key, PKCS#8.</summary>
    public required byte[] PrivateKey { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When a newer key took over signing; the key stays in the JWKS while its tokens live.</summary>
    public DateTime? RetiredAt { get; set; }
}
