using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>The protocol settings, section <c>OAuth</c>.</summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>The issuer identifier (RFC 8414 §2), no trailing slash. Default <c>http://localhost:8000</c>.</summary>
    [Required, Url]
    public string Issuer { get; set; } = "http://localhost:8000";

    /// <summary>Lifetime of a JWT access token. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of each refresh token. Default 14 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Lifetime of a refresh-token family from the login that started it. Default 90 days.</summary>
    public TimeSpan RefreshTokenFamilyLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long after a rotation a reuse of the immediate predecessor is refused without ending the
    /// family (for apps whose tabs race). Default zero: every reuse ends the family (RFC 9700 §4.14.2).
    /// </summary>
    public TimeSpan RefreshTokenReuseGrace { get; set; } = TimeSpan.Zero;

    /// <summary>Lifetime of an authorization code. Default 60 seconds (RFC 6749 §4.1.2 recommends at most 10 minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of a browser's login session at the server. Default 8 hours.</summary>
    public TimeSpan LoginSessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
