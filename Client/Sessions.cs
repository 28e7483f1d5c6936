using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace MiniOAuth.Client;

/// <summary>Unguessable values: session ids, <c>state</c> and PKCE verifiers.</summary>
internal static class RandomToken
{
    /// <summary>256 random bits, base64url without padding: 43 characters.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

/// <summary>Everything this app knows about one browser, kept in server memory; the browser holds only the
/// id, in an HttpOnly cookie. Requests of one browser may run at once: references are swapped
/// whole, the pending login is taken atomically and refreshes wait for <see cref="RefreshLock"/>.</summary>
internal sealed class ClientSession(string id, TimeProvider time)
{
    private PendingAuthorization? pending;
    private string? notice;

    public string Id { get; set; } = id;

    /// <summary>The secret in this session's forms, against cross-site request forgery (the synchronizer token
    /// pattern): the SHA-256 of the session id, so only a page this app showed to this session holds it, and a new id
    /// makes a new one. Its form field keeps the name ASP.NET Core antiforgery gives it, <c>__RequestVerificationToken</c>.</summary>
    public string FormToken => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Id)));

    /// <summary>Null until the code has been exchanged, and again after a failed refresh.</summary>
    public TokenSet? Tokens { get; set; }
    /// <summary>The user as userinfo last described them.</summary>
    public Profile? Profile { get; set; }
    /// <summary>The userdata as last read or saved, indented, with its ETag; shown again when a save is refused.</summary>
    public (string Json, string? ETag)? UserData { get; set; }
    public StepLog Steps { get; } = new(time);

    /// <summary>One refresh at a time per session: a refresh token must never be presented twice.</summary>
    public SemaphoreSlim RefreshLock { get; } = new(1, 1);

    /// <summary>Starts a login attempt, replacing any earlier attempt. A signed-in session keeps its tokens
    /// until the new attempt succeeds: a link to <c>/login</c> from another site must not sign anyone out.</summary>
    public void BeginLogin(PendingAuthorization attempt)
    {
        Steps.StartSignIn();
        Volatile.Write(ref pending, attempt);
    }

    /// <summary>Hands out the pending login once: any callback uses it up, so a state is single use.</summary>
    public PendingAuthorization? TakePendingLogin() => Interlocked.Exchange(ref pending, null);

    /// <summary>Leaves a one-time message for the next dashboard page, such as "Saved.".</summary>
    public void LeaveNotice(string message) => Volatile.Write(ref notice, message);

    public string? TakeNotice() => Interlocked.Exchange(ref notice, null);
}

/// <summary>The sessions of this app, in memory: fine for a companion app that runs as one process. A session
/// unused for <see cref="ClientOptions.SessionIdleTimeout"/> is forgotten: a sliding expiration in the cache.</summary>
internal sealed class SessionStore(TimeProvider time, IOptions<ClientOptions> options)
{
    /// <summary>Starts with <c>minioauth_client</c>: browsers share cookies across the ports of localhost.</summary>
    public const string CookieName = "minioauth_client_session";

    private readonly MemoryCache sessions = new(new MemoryCacheOptions { Clock = new CacheClock(time) });

    public int Count => sessions.Count;

    /// <summary>The session named by the browser's cookie, unless it is unknown or has been idle too long.</summary>
    public ClientSession? Find(HttpContext context) =>
        context.Request.Cookies[CookieName] is { } id && sessions.TryGetValue(id, out ClientSession? session) ? session : null;

    /// <summary>The browser's session, or a new one whose id is sent to the browser.</summary>
    public ClientSession FindOrStart(HttpContext context) => Find(context) ?? Keep(context, new ClientSession(RandomToken.Create(), time));

    /// <summary>Gives the session a new id, as after sign-in: an id planted in the browser before the login
    /// (session fixation) then no longer leads to the signed-in session.</summary>
    public void Renew(HttpContext context, ClientSession session)
    {
        sessions.Remove(session.Id);
        session.Id = RandomToken.Create();
        Keep(context, session);
    }

    public void End(HttpContext context, ClientSession? session)
    {
        if (session is not null)
        {
            sessions.Remove(session.Id);
        }

        context.Response.Cookies.Delete(CookieName, Cookie(context));
    }

    /// <summary>The only thing the browser holds: an opaque random id. HttpOnly keeps it from scripts; Lax keeps
    /// it off cross-site POSTs yet lets it come back on the server's redirect to the callback.</summary>
    public static CookieOptions Cookie(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    private ClientSession Keep(HttpContext context, ClientSession session)
    {
        context.Response.Cookies.Append(CookieName, session.Id, Cookie(context));
        return sessions.Set(session.Id, session, new MemoryCacheEntryOptions { SlidingExpiration = options.Value.SessionIdleTimeout });
    }

    // The cache reads the time through its own interface; this gives it the app's clock, which tests move.
    private sealed class CacheClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
