using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Html;

/// <summary>
/// Per-client limits on the token, revocation and introspection endpoints (per client id and calling
/// address here, per authenticated client in <see cref="ClientRequestLimits"/>), and per-key limits on
/// the userdata store, with ASP.NET Core's rate limiter (one-second fixed windows, per instance).
/// </summary>
internal static class RateLimiting
{
    public const string PerClient = "per-client";
    public const string PerApiKey = "per-api-key";

    public static IServiceCollection AddMiniOAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "1";
                // The OAuth endpoints answer RFC 6749 §5.2 JSON; the userdata store answers problem details.
                if (context.HttpContext.Request.Path.StartsWithSegments("/oauth/userdata"))
                {
                    await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Retry after a second.")
                        .ExecuteAsync(context.HttpContext);
                    return;
                }

                await response.WriteAsJsonAsync(OAuthError.TooManyRequests(), ct);
            };
            limiter.AddPolicy(PerClient, context => Partition("client:" + ClientKey(context), limits.TokenRequestsPerClientPerSecond));
            limiter.AddPolicy(PerApiKey, context => Partition("key:" + ApiKey(context), limits.UserDataRequestsPerKeyPerSecond));
        });
    }

    public static RateLimitPartition<string> Partition(string key, int perSecond) => perSecond <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perSecond,
            Window = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    // The client id of Basic credentials, else nothing (the form is not read here), and the caller's
    // address: this limiter runs before authentication, so a client's id alone would let anyone use up
    // that client's limit by naming it with a wrong secret. The client's own limit, across addresses,
    // is taken after authentication (ClientRequestLimits).
    private static string ClientKey(HttpContext context)
    {
        var address = TransportSecurity.ClientAddress(context);
        return context.Request.Headers.Authorization.ToString() is { Length: > 0 and < 1024 } header
            && ClientAuthentication.ParseBasic(header).Id is { } clientId
                ? clientId + "@" + address
                : "@" + address;
    }

    private static string ApiKey(HttpContext context) =>
        context.Request.Headers["X-API-Key"].ToString() is { Length: > 0 and < 256 } key
            ? key
            : context.Request.Headers.Authorization.ToString() is { Length: > 0 and < 4096 } auth
                ? auth
                : "addr:" + TransportSecurity.ClientAddress(context);
}

/// <summary>
/// The per-client limit of the token, revocation and introspection endpoints, taken once the client
/// has authenticated, so that nobody uses up a client's limit by naming it with a wrong secret. The
/// middleware's policy (<see cref="RateLimiting.PerClient"/>) comes first and bounds every client id
/// per calling address, wrong secrets included.
/// </summary>
internal sealed class ClientRequestLimits(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(clientId =>
        RateLimiting.Partition(clientId, options.Value.TokenRequestsPerClientPerSecond));

    /// <summary>Takes one of the client's requests for this second: false when none is left.</summary>
    public bool TryTake(string clientId)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
