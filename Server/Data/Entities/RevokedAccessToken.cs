namespace MiniOAuth.Server.Data.Entities;

/// <summary>
/// An access token revoked on its own (RFC 7009), by its <c>jti</c>. Kept until the token would have
/// expired anyway; access tokens of a revoked grant need no row here.
/// </summary>
public sealed class RevokedAccessToken
{
    public required string Jti { get; init; }
    public DateTime ExpiresAt { get; init; }
}
