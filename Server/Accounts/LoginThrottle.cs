using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// Brute-force protection (RFC 6749 §10.10; the contract fixes the rules): failed logins are counted
/// per username and per address in a fixed window that opens at the first failure; at the limit
/// every attempt is refused until the window closes. Counts live in the database, so every instance
/// enforces the same limit.
/// </summary>
internal sealed class LoginThrottle(MiniOAuthDb db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public static string UserKey(string username) => "user:" + username.ToLowerInvariant();
    public static string AddressKey(string address) => "addr:" + address;

    /// <summary>
    /// Counts an attempt as a failure before its password is checked: null when it may go ahead, else
    /// how long to wait. Parallel guesses would otherwise all pass a check made before any of them was
    /// counted; counted first, no more than the limit of them ever reach the password check.
    /// </summary>
    public async Task<TimeSpan?> BeginAttemptAsync(string userKey, string addressKey, CancellationToken ct)
    {
        if (await RetryAfterAsync(userKey, addressKey, ct, counted: 0) is { } wait)
        {
            return wait;
        }

        await RecordFailureAsync(userKey, addressKey, ct);
        return await RetryAfterAsync(userKey, addressKey, ct, counted: 1);
    }

    /// <summary>Takes back the count of an attempt whose password was right: successes do not count.</summary>
    public async Task ForgiveAsync(string userKey, string addressKey, CancellationToken ct)
    {
        var windowOpen = clock.GetUtcNow().UtcDateTime - options.Value.LoginFailureWindow;
        await db.LoginFailureCounts.Where(f => (f.Key == userKey || f.Key == addressKey) && f.WindowStart > windowOpen && f.Count > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.Count, f => f.Count - 1), ct);

        // A window that this success opened holds no failure: it goes, so that the next failure opens one.
        await db.LoginFailureCounts.Where(f => (f.Key == userKey || f.Key == addressKey) && f.Count == 0).ExecuteDeleteAsync(ct);
    }

    /// <summary>How long the caller must wait, or null; <paramref name="counted"/> attempts of the caller are already in the counts.</summary>
    private async Task<TimeSpan?> RetryAfterAsync(string userKey, string addressKey, CancellationToken ct, int counted)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = options.Value.LoginFailureWindow;
        var counts = await db.LoginFailureCounts.AsNoTracking()
            .Where(f => (f.Key == userKey || f.Key == addressKey) && f.WindowStart > now - window)
            .ToListAsync(ct);
        var blocked = counts
            .Where(f => f.Count - counted >= (f.Key == userKey ? options.Value.LoginFailureLimit : options.Value.LoginFailuresPerAddress))
            .Select(f => f.WindowStart + window - now)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return blocked > TimeSpan.Zero ? blocked : null;
    }

    private async Task RecordFailureAsync(string userKey, string addressKey, CancellationToken ct)
    {
        await CountAsync(userKey, ct);
        await CountAsync(addressKey, ct);
    }

    // One conditional update per step, so that parallel failures are all counted on every instance.
    private async Task CountAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var windowOpen = now - options.Value.LoginFailureWindow;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.LoginFailureCounts.Where(f => f.Key == key && f.WindowStart > windowOpen)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.Count, f => f.Count + 1), ct) > 0)
            {
                return;
            }

            if (await db.LoginFailureCounts.Where(f => f.Key == key && f.WindowStart <= windowOpen)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.Count, 1).SetProperty(f => f.WindowStart, now), ct) > 0)
            {
                return;
            }

            db.LoginFailureCounts.Add(new LoginFailureCount { Key = key, WindowStart = now, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another request opened the window first: count into it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
