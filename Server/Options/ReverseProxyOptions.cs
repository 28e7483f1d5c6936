namespace MiniOAuth.Server.Options;

/// <summary>Trusted reverse proxies, section <c>ReverseProxy</c>.</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Default none.</summary>
    public List<string> KnownProxies { get; set; } = [];
}
