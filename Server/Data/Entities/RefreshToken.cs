namespace MiniOAuth.Server.Data.Entities;

/// <summary>A refresh token, stored only as its SHA-256 hash, used once and then rotated (RFC 9700 §4.14.2).</summary>
public sealed class RefreshToken
{
    /// <summary>Base64url SHA-256 of the token.</summary>
    public required string Hash { get; init; }

    public required string GrantId { get; init; }
    public required string ClientId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }

    /// <summary>Set once, by the single rotation that wins; any later use is reuse.</summary>
    public DateTime? ConsumedAt { get; set; }

    /// <summary>The hash of the token that replaced this one.</summary>
    public string? ReplacedByHash { get; set; }
}
