namespace MiniOAuth.Server.Data.Entities;

/// <summary>A one-time code of the authorization code grant (RFC 6749 §4.1), stored only as its SHA-256 hash.</summary>
public sealed class AuthorizationCode
{
    /// <summary>Base64url SHA-256 of the code.</summary>
    public required string Hash { get; init; }

    public required string ClientId { get; init; }
    public required string UserId { get; init; }
    public required string Scope { get; init; }
    public required string RedirectUri { get; init; }

    /// <summary>The S256 PKCE challenge (RFC 7636 §4.2), or null when the client sent none.</summary>
    public string? CodeChallenge { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }

    /// <summary>Set once, by the single redemption that wins.</summary>
    public DateTime? RedeemedAt { get; set; }

    /// <summary>The grant the redemption created: a replay of the code revokes it (RFC 6749 §4.1.2).</summary>
    public string? GrantId { get; set; }
}
