using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Protocol;

/// <summary>
/// Per-client limits on the token, revocation and introspection endpoints (per client and calling
/// address), and per-key limits on the userdata store, with ASP.NET Core's rate limiter (one-second
/// fixed windows, per instance).
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

                await response.WriteAsJsonAsync(
                    new { error = "too_many_requests", error_description = "Too many requests; retry after a second." }, ct);
            };
            limiter.AddPolicy(PerClient, context => Partition("client:" + ClientKey(context), limits.TokenRequestsPerClientPerSecond));
            limiter.AddPolicy(PerApiKey, context => Partition("key:" + ApiKey(context), limits.UserDataRequestsPerKeyPerSecond));
        });
    }

    private static RateLimitPartition<string> Partition(string key, int perSecond) => perSecond <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perSecond,
            Window = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    // The client id of Basic credentials, else nothing (the form is not read here), and the caller's
    // address: the limiter runs before authentication, so a client's id alone would let anyone use up
    // that client's limit by naming it with a wrong secret.
    private static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return context.Request.Headers.Authorization.ToString() is { Length: > 0 and < 1024 } header
            && PresentedClient.ParseBasic(header).Id is { } clientId
                ? clientId + "@" + address
                : "@" + address;
    }

    private static string ApiKey(HttpContext context) =>
        context.Request.Headers["X-API-Key"].ToString() is { Length: > 0 and < 256 } key
            ? key
            : context.Request.Headers.Authorization.ToString() is { Length: > 0 and < 4096 } auth
                ? auth
                : "addr:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
