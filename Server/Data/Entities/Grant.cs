namespace MiniOAuth.Server.Data.Entities;

/// <summary>
/// One redemption of an authorization code: the family of refresh tokens rotated from it and the
/// access tokens issued with them. Revoking the grant ends all of them at once.
/// </summary>
public sealed class Grant
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The scope the user granted; a refresh may narrow an access token, never this.</summary>
    public required string Scope { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The end of the family, however often it is rotated (OAuth:RefreshTokenFamilyLifetime).</summary>
    public DateTime ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; set; }
}
