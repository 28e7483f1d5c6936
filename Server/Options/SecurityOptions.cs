using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>Brute-force protection and password hashing, section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Failed logins per username before every attempt is refused with 429. Default 10.</summary>
    [Range(1, int.MaxValue)]
    public int LoginFailureLimit { get; set; } = 10;

    /// <summary>Failed logins per client address before every attempt is refused with 429. Default 300.</summary>
    [Range(1, int.MaxValue)]
    public int LoginFailuresPerAddress { get; set; } = 300;

    /// <summary>Sign-ups per client address before the sign-up form answers 429. Default 100.</summary>
    [Range(1, int.MaxValue)]
    public int SignUpsPerAddress { get; set; } = 100;

    /// <summary>The fixed window that opens at the first failure (or sign-up). Default 15 minutes.</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>BCrypt work factor for passwords (log2 of the rounds). Default 12.</summary>
    [Range(4, 31)]
    public int BcryptWorkFactor { get; set; } = 12;
}
