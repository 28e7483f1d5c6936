using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>Request rate limits, section <c>RateLimits</c>; 0 turns a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Token, revoke and introspect requests per client per second. Default 1000.</summary>
    [Range(0, int.MaxValue)]
    public int TokenRequestsPerClientPerSecond { get; set; } = 1000;

    /// <summary>Userdata requests per API key (or bearer client) per second. Default 1000.</summary>
    [Range(0, int.MaxValue)]
    public int UserDataRequestsPerKeyPerSecond { get; set; } = 1000;
}
