using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// Brute-force protection (RFC 6749 §10.10; the contract fixes the rules): failed logins are counted
/// per username and per address in a fixed window that opens at the first failure; at the limit
/// every attempt is refused until the window closes. Sign-ups are counted per address the same way.
/// Counts live in the database, so every instance enforces the same limit.
/// </summary>
internal sealed class LoginThrottle(MiniOAuthDb db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public static string UserKey(string username) => Key("user:", username.ToLowerInvariant());
    public static string AddressKey(string address) => Key("addr:", address);

    // A NUL typed into a username is stored as U+FFFD on PostgreSQL (PostgresNulReplacer): the key is
    // made the same way on both databases, so that the rows read back match the keys asked for.
    private static string Key(string prefix, string value) => prefix + value.Replace('\0', '\uFFFD');

    /// <summary>
    /// Counts an attempt as a failure before its password is checked: null when it may go ahead, else
    /// how long to wait. Parallel guesses would otherwise all pass a check made before any of them was
    /// counted; counted first, no more than the limit of them ever reach the password check.
    /// </summary>
    public Task<TimeSpan?> BeginAttemptAsync(string userKey, string addressKey, CancellationToken ct) =>
        BeginAsync([(userKey, options.Value.LoginFailureLimit), (addressKey, options.Value.LoginFailuresPerAddress)], ct);

    /// <summary>
    /// Counts a sign-up from an address (each one costs a BCrypt hash and a user row): null when it may
    /// go ahead, else how long to wait. Sign-ups are never forgiven.
    /// </summary>
    public Task<TimeSpan?> BeginSignUpAsync(string address, CancellationToken ct) =>
        BeginAsync([(Key("signup:", address), options.Value.SignUpsPerAddress)], ct);

    private async Task<TimeSpan?> BeginAsync((string Key, int Limit)[] limits, CancellationToken ct)
    {
        if (await RetryAfterAsync(limits, counted: 0, ct) is { } wait)
        {
            return wait;
        }

        foreach (var (key, _) in limits)
        {
            await CountAsync(key, ct);
        }

        return await RetryAfterAsync(limits, counted: 1, ct);
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
    private async Task<TimeSpan?> RetryAfterAsync((string Key, int Limit)[] limits, int counted, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = options.Value.LoginFailureWindow;
        var keys = limits.Select(l => l.Key).ToArray();
        var counts = await db.LoginFailureCounts.AsNoTracking()
            .Where(f => keys.Contains(f.Key) && f.WindowStart > now - window)
            .ToListAsync(ct);
        var blocked = counts
            .Where(f => f.Count - counted >= LimitOf(f.Key))
            .Select(f => f.WindowStart + window - now)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return blocked > TimeSpan.Zero ? blocked : null;

        // A row read back under a key not exactly the one asked for (a database that changed the text)
        // counts against the strictest limit, rather than failing the request.
        int LimitOf(string key) =>
            limits.Where(l => l.Key == key).Select(l => l.Limit).DefaultIfEmpty(limits.Min(l => l.Limit)).First();
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
            catch (DbUpdateException e) when (!DatabaseUnavailable.IsUnreachable(e))
            {
                // Another request opened the window first: count into it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
