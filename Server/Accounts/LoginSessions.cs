using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// The browser's login session at the server: an opaque random cookie whose SHA-256 hash names a row
/// in the database, so that any instance can read it and logout ends it everywhere.
/// </summary>
internal sealed class LoginSessions(MiniOAuthDb db, TimeProvider clock, IOptions<OAuthOptions> options, IHostEnvironment env)
{
    private readonly string _cookieName = ServerCookies.Session(env);
    private const string ItemKey = "MiniOAuth.SessionUser";

    /// <summary>The signed-in user of this request, or null.</summary>
    public async Task<User?> GetUserAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return cached as User;
        }

        User? user = null;
        if (SessionHash(context) is { } hash)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            user = await db.LoginSessions.AsNoTracking()
                .Where(s => s.Hash == hash && s.ExpiresAt > now)
                .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => u)
                .Where(u => !u.IsDisabled)
                .FirstOrDefaultAsync(context.RequestAborted);
        }

        context.Items[ItemKey] = user;
        return user;
    }

    /// <summary>Starts a session with a new id, ending any the browser had (no session fixation).</summary>
    public async Task SignInAsync(HttpContext context, User user)
    {
        await EndCurrentAsync(context);
        var value = Secrets.New();
        var now = clock.GetUtcNow().UtcDateTime;
        db.LoginSessions.Add(new LoginSession
        {
            Hash = Secrets.HashForLookup(value),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.LoginSessionLifetime,
        });
        await db.SaveChangesAsync(context.RequestAborted);
        context.Response.Cookies.Append(_cookieName, value, CookieOptions());
        context.Items[ItemKey] = user;
    }

    /// <summary>Ends the session whose cookie comes with the request; safe to call twice.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        await EndCurrentAsync(context);
        context.Response.Cookies.Delete(_cookieName, CookieOptions());
        context.Items[ItemKey] = null;
    }

    /// <summary>Ends every session of a user (password change, disabling).</summary>
    public Task EndAllAsync(string userId, CancellationToken ct = default) =>
        db.LoginSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

    private Task EndCurrentAsync(HttpContext context) => SessionHash(context) is { } hash
        ? db.LoginSessions.Where(s => s.Hash == hash).ExecuteDeleteAsync(context.RequestAborted)
        : Task.CompletedTask;

    // The row's name: the hash of the session cookie that came with the request, if any.
    private string? SessionHash(HttpContext context) =>
        context.Request.Cookies[_cookieName] is { Length: > 0 and < 200 } cookie ? Secrets.HashForLookup(cookie) : null;

    // A browser-session cookie: the server-side row holds the expiry.
    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = !env.IsDevelopment(),
        Path = "/",
        IsEssential = true,
    };
}
