using MiniOAuth.Client.Dashboard;
using MiniOAuth.Client.Protocol;
using MiniOAuth.Client.Steps;
using MiniOAuth.Client.Tokens;

namespace MiniOAuth.Client.Sessions;

/// <summary>
/// Everything this app knows about one browser, kept in server memory; the browser holds only the
/// id, in an HttpOnly cookie. Requests of one browser may run at once: references are swapped
/// whole, the pending login is taken atomically and refreshes wait for <see cref="RefreshLock"/>.
/// </summary>
internal sealed class ClientSession(string id, TimeProvider time)
{
    private PendingAuthorization? pending;
    private string? notice;
    private long lastSeenTicks = time.GetUtcNow().UtcTicks;

    public string Id { get; set; } = id;

    /// <summary>When a request last used this session; read and written by concurrent requests.</summary>
    public DateTimeOffset LastSeen
    {
        get => new(Volatile.Read(ref lastSeenTicks), TimeSpan.Zero);
        set => Volatile.Write(ref lastSeenTicks, value.UtcTicks);
    }

    /// <summary>Null until the code has been exchanged, and again after a failed refresh.</summary>
    public TokenSet? Tokens { get; set; }

    /// <summary>The user as userinfo last described them.</summary>
    public Profile? Profile { get; set; }

    /// <summary>The userdata as last read or saved, shown again when a save is refused.</summary>
    public UserDataSnapshot? UserData { get; set; }

    /// <summary>Leaves a one-time message for the next dashboard page, such as "Saved.".</summary>
    public void LeaveNotice(string message) => Volatile.Write(ref notice, message);

    public StepLog Steps { get; } = new(time);

    /// <summary>One refresh at a time per session: a refresh token must never be presented twice.</summary>
    public SemaphoreSlim RefreshLock { get; } = new(1, 1);

    /// <summary>
    /// Starts a login attempt, replacing any earlier attempt. A signed-in session keeps its tokens
    /// until the new attempt succeeds: a link to <c>/login</c> from another site must not sign anyone out.
    /// </summary>
    public void BeginLogin(PendingAuthorization attempt)
    {
        Steps.StartSignIn();
        Volatile.Write(ref pending, attempt);
    }

    /// <summary>The login succeeded: these tokens replace any earlier ones, and what was known of the user is read anew.</summary>
    public void SignIn(TokenSet tokens)
    {
        Tokens = tokens;
        Profile = null;
        UserData = null;
    }

    /// <summary>Hands out the pending login once: any callback uses it up, so a state is single use.</summary>
    public PendingAuthorization? TakePendingLogin() => Interlocked.Exchange(ref pending, null);

    public string? TakeNotice() => Interlocked.Exchange(ref notice, null);
}
