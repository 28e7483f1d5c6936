using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Html;

/// <summary>
/// HTTPS outside Development (RFC 6749 §3.1.2.1 and §1.6 want TLS for every endpoint), and
/// forwarded headers believed only from the configured proxies, so that a client cannot forge its
/// address to escape the per-address login limit.
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddMiniOAuthTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        // Plain HTTP is always redirected outside Development, to 443 unless `https_port` says otherwise.
        services.AddHttpsRedirection(https => https.HttpsPort = configuration.GetValue<int?>("https_port") ?? 443);
        return services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; here nothing is trusted unless configured.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
    }

    public static WebApplication UseMiniOAuthTransportSecurity(this WebApplication app)
    {
        // With no proxy configured, forwarded headers are not read at all.
        if (app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>()?.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        return app;
    }

    /// <summary>The caller's address, after the trusted proxies' headers: what the login and rate limits count by.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
