using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Data;

/// <summary>How many rows one sweep deleted, per table.</summary>
public sealed record CleanupCounts(
    int Grants, int RefreshTokens, int AuthorizationCodes, int RevokedAccessTokens, int LoginSessions, int LoginFailureCounts)
{
    public int Total => Grants + RefreshTokens + AuthorizationCodes + RevokedAccessTokens + LoginSessions + LoginFailureCounts;
}

/// <summary>
/// Deletes the rows that can no longer change an answer, so that the database does not grow without
/// bound. Each table is one set-based DELETE, safe to run on several instances at once.
/// </summary>
internal sealed class Cleanup(MiniOAuthDb db, TimeProvider clock, IOptions<OAuthOptions> oauth, IOptions<SecurityOptions> security)
{
    public async Task<CleanupCounts> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A missing grant already ends its tokens; revoked grants are still kept until every access
        // token issued from them has expired, so that no check ever depends on the row being gone.
        var revokedLongAgo = now - oauth.Value.AccessTokenLifetime;
        var grants = await db.Grants
            .Where(g => g.ExpiresAt <= now || g.RevokedAt <= revokedLongAgo)
            .ExecuteDeleteAsync(ct);
        var refreshTokens = await db.RefreshTokens
            .Where(t => t.ExpiresAt <= now || !db.Grants.Any(g => g.Id == t.GrantId))
            .ExecuteDeleteAsync(ct);
        // RFC 6749 §4.1.2: a redeemed code is kept while its grant lives, so that a replay can still revoke it.
        var codes = await db.AuthorizationCodes
            .Where(c => c.ExpiresAt <= now && (c.GrantId == null || !db.Grants.Any(g => g.Id == c.GrantId)))
            .ExecuteDeleteAsync(ct);
        var revokedAccessTokens = await db.RevokedAccessTokens.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        var sessions = await db.LoginSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        var windowClosed = now - security.Value.LoginFailureWindow;
        var failures = await db.LoginFailureCounts.Where(f => f.WindowStart <= windowClosed).ExecuteDeleteAsync(ct);
        return new CleanupCounts(grants, refreshTokens, codes, revokedAccessTokens, sessions, failures);
    }
}

/// <summary>Runs <see cref="Cleanup"/> every <c>Cleanup:Interval</c>, on the injected clock.</summary>
internal sealed class CleanupService(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<CleanupOptions> options, ILogger<CleanupService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval == TimeSpan.Zero)
        {
            log.LogInformation("Cleanup:Interval is zero: this instance does not delete expired rows.");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var deleted = await scope.ServiceProvider.GetRequiredService<Cleanup>().SweepAsync(stoppingToken);
                    if (deleted.Total > 0)
                    {
                        log.LogInformation("Cleanup deleted {Total} expired rows: {Counts}", deleted.Total, deleted);
                    }
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    // A busy or unreachable database: the next tick tries again.
                    log.LogWarning("Cleanup failed: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
