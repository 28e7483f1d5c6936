namespace MiniOAuth.Server.Data.Entities;

/// <summary>A browser's signed-in session at the server, found by the SHA-256 hash of its cookie.</summary>
public sealed class LoginSession
{
    /// <summary>Base64url SHA-256 of the cookie value.</summary>
    public required string Hash { get; init; }

    public required string UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
}
