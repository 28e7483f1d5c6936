namespace MiniOAuth.Client.Sessions;

/// <summary>
/// The only thing the browser holds: an opaque random id. HttpOnly keeps it from scripts; Lax keeps
/// it off cross-site POSTs yet lets it come back on the server's redirect to the callback.
/// </summary>
internal static class SessionCookie
{
    /// <summary>Starts with <c>minioauth_client</c>: browsers share cookies across the ports of localhost.</summary>
    public const string Name = "minioauth_client_session";

    public static ClientSession? FindClientSession(this HttpContext context, SessionStore sessions) =>
        sessions.Find(context.Request.Cookies[Name]);

    public static ClientSession FindOrStartClientSession(this HttpContext context, SessionStore sessions)
    {
        var session = context.FindClientSession(sessions);
        if (session is not null)
        {
            return session;
        }

        session = sessions.Start();
        context.WriteSessionCookie(session);
        return session;
    }

    /// <summary>After sign-in: a new id for the session, sent to the browser.</summary>
    public static void RenewClientSession(this HttpContext context, SessionStore sessions, ClientSession session)
    {
        sessions.Renew(session);
        context.WriteSessionCookie(session);
    }

    public static void EndClientSession(this HttpContext context, SessionStore sessions, ClientSession? session)
    {
        if (session is not null)
        {
            sessions.End(session);
        }

        context.Response.Cookies.Delete(Name, CookieOptions(context));
    }

    private static void WriteSessionCookie(this HttpContext context, ClientSession session) =>
        context.Response.Cookies.Append(Name, session.Id, CookieOptions(context));

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
