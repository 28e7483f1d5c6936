using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Server.Html;

/// <summary>HTML form helpers: the anti-forgery field on every form, and a form reader that checks it.</summary>
internal static class Forms
{
    /// <summary>The hidden anti-forgery input for a form on this response.</summary>
    public static string AntiforgeryField(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{Page.E(tokens.FormFieldName)}" value="{Page.E(tokens.RequestToken)}">""";
    }

    public static bool IsForm(HttpRequest request) => request.HasFormContentType;

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses every POST to these endpoints whose form is unreadable or lacks its anti-forgery token,
    /// before the handler runs, so that nothing is done with it. Handlers read the checked form as
    /// <c>context.Request.Form</c>.
    /// </summary>
    public static TBuilder RequireCheckedForm<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
            HttpMethods.IsPost(invocation.HttpContext.Request.Method) && await ReadCheckedFormAsync(invocation.HttpContext) is null
                ? Refused()
                : await next(invocation));

    /// <summary>The answer to a form posted without its anti-forgery field (or not as a form): nothing was done.</summary>
    public static ContentHttpResult Refused() => Page.Render("Form refused", """
        <h1>Form refused</h1>
        <p class="error" role="alert">The form expired or was not sent by this site. Nothing was changed.</p>
        <p>Go back, reload the page and try again.</p>
        """, StatusCodes.Status400BadRequest);

    /// <summary>
    /// Reads a posted form and checks its anti-forgery token; null when the form is unreadable or the
    /// token is missing or wrong, and then nothing may be done with it.
    /// </summary>
    public static async Task<IFormCollection?> ReadCheckedFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(context) ? form : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return null;
        }
    }

    /// <summary>A return address that stays on this server (RFC 9700 §4.11: no open redirector).</summary>
    public static bool IsLocalUrl(string? url) =>
        url is { Length: > 0 and <= 2048 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}

/// <summary>
/// Binds every form token to the login session it was issued for. The server's sessions are its own
/// cookies, so to ASP.NET Core antiforgery every visitor is anonymous, and a token pair (field and
/// antiforgery cookie) taken by anyone was good with anyone's session: a same-site sibling that can
/// set cookies for this host could post a victim's forms. The token now carries a hash of the session
/// cookie that came with the page, and a form posted with a session is refused unless its token was
/// issued to that same session.
/// </summary>
internal sealed class SessionBoundForms(IHostEnvironment env) : IAntiforgeryAdditionalDataProvider
{
    private readonly string _sessionCookie = ServerCookies.Session(env);

    public string GetAdditionalData(HttpContext context) => SessionTag(context);

    // A form posted with no session at all acts for nobody (login, sign-up, or a consent whose session
    // ended meanwhile, which then goes to the login page): only a session's forms need its own token.
    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        SessionTag(context) is var current && (current.Length == 0 || Protocol.Secrets.FixedTimeEquals(additionalData, current));

    // The hash, not the cookie: the token is encrypted, but a session id has no business in a form.
    private string SessionTag(HttpContext context) =>
        context.Request.Cookies[_sessionCookie] is { Length: > 0 } session ? Protocol.Secrets.HashForLookup(session) : "";
}
