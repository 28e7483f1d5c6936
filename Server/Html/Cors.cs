using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;

namespace MiniOAuth.Server.Html;

/// <summary>
/// Browsers of public clients (single-page apps) may call the metadata, JWKS, token, revocation,
/// userinfo and Bearer userdata endpoints from the origins of their registered redirect URIs, without
/// credentials; no other origin may.
/// </summary>
internal static class Cors
{
    public const string PublicClients = "public-clients";

    public static IServiceCollection AddMiniOAuthCors(this IServiceCollection services)
    {
        var origins = new PublicClientOrigins();
        return services.AddSingleton(origins).AddHostedService<PublicClientOriginLoader>()
            .AddCors(cors => cors.AddPolicy(PublicClients, policy => policy
                .SetIsOriginAllowed(origins.Contains)
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match")
                .WithExposedHeaders("ETag", "WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }
}

/// <summary>The origins of public clients' redirect URIs, as last read from the database.</summary>
internal sealed class PublicClientOrigins
{
    private volatile HashSet<string> _origins = [];

    public bool Contains(string origin) => _origins.Contains(origin);

    public async Task LoadAsync(MiniOAuthDb db, CancellationToken ct)
    {
        var uris = await db.Clients.AsNoTracking().Where(c => !c.IsConfidential).Select(c => c.RedirectUris).ToListAsync(ct);
        _origins = uris.SelectMany(list => list)
            .Select(uri => Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>Reloads <see cref="PublicClientOrigins"/> every few seconds, so client changes on any instance count.</summary>
internal sealed class PublicClientOriginLoader(IServiceScopeFactory scopes, PublicClientOrigins origins, ILogger<PublicClientOriginLoader> log)
    : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await origins.LoadAsync(scope.ServiceProvider.GetRequiredService<MiniOAuthDb>(), stoppingToken);
                await Task.Delay(Refresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning("Could not reload the CORS origins of public clients: {Message}", e.Message);
                await Task.Delay(Refresh, stoppingToken);
            }
        }
    }
}
