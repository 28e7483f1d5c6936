// Not needed to understand OAuth: HTML that encodes itself, the page frame, error pages and browser security headers.
using System.Globalization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Html;

namespace MiniOAuth.Client;

/// <summary>Markup that is safe to write. It is only made by <see cref="Of"/>, which HTML-encodes
/// every interpolated value that is not itself <see cref="Html"/>: a page cannot forget to encode.</summary>
internal readonly struct Html : IHtmlContent
{
    // Encodes the characters that matter in HTML (<, >, &, quotes) and leaves other letters readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private Html(string value) => Value = value;

    public string Value { get => field ?? string.Empty; private init; }

    /// <summary>ASP.NET Core's <see cref="HtmlFormattableString"/> writes each value encoded, and markup (<see cref="IHtmlContent"/>) as it is.</summary>
    public static Html Of(FormattableString template)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new HtmlFormattableString(CultureInfo.InvariantCulture, template.Format, template.GetArguments()).WriteTo(writer, Encoder);
        return new(writer.ToString());
    }

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(part => part.Value)));

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(Value);

    /// <summary>The frame every page shares: one stylesheet, no scripts, no inline styles.</summary>
    public static ContentHttpResult Page(string title, Html body, bool signedIn, int status = StatusCodes.Status200OK) => TypedResults.Content(Of($"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · MiniOAuth client</title>
        <link rel="stylesheet" href="/site.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/">MiniOAuth client</a>
        <nav>{(signedIn
            ? Of($"""<a href="/dashboard">Dashboard</a> <a href="/logout">Sign out</a>""")
            : Of($"""<a href="/login">Sign in</a>"""))}</nav>
        </header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """).Value, "text/html; charset=utf-8", statusCode: status);

    /// <summary>A clear page for what went wrong, with a way back (home and sign-in, unless other actions are given); never a stack trace.</summary>
    public static ContentHttpResult ErrorPage(
        int status, string title, string message, string? detail = null, Html steps = default, Html? actions = null, bool signedIn = false) => Page(title, Of($"""
        <section class="card error">
        <h1>{title}</h1>
        <p>{message}</p>
        {(detail is not null ? Of($"<p class=\"detail\">{detail}</p>") : default)}
        <p class="status">HTTP {status}</p>
        <p class="actions">{actions ?? Of($"<a class=\"button\" href=\"/\">Back to the home page</a> <a href=\"/login\">Sign in again</a>")}</p>
        </section>
        {steps}
        """), signedIn, status);

    /// <summary>The 404 page for a provider key that names none of the configured providers: nothing is redirected.</summary>
    public static ContentHttpResult NoSuchProvider(string? key) => ErrorPage(StatusCodes.Status404NotFound, "No such provider",
        $"This app has no sign-in provider named '{key}'. The home page lists the providers it has.");

    /// <summary>GET /: a way to sign in with each provider, or who is signed in; after a sign-out that could not end the
    /// provider's own session (it has no end-session endpoint), a line that says so, once.</summary>
    public static ContentHttpResult Home(HttpContext context, SessionStore sessions, IOptions<ClientOptions> options)
    {
        var session = sessions.Find(context);
        var providers = options.Value.AllProviders().ToList();
        var signedOutOf = context.Request.Cookies[Logout.NoticeCookie];
        if (signedOutOf is not null)
        {
            context.Response.Cookies.Delete(Logout.NoticeCookie, SessionStore.Cookie(context));
        }

        return Page("Home", session?.Tokens is null ? Of($"""
            {(signedOutOf is not null ? Of($"""
                <p class="notice" role="status">You are signed out of this app. {signedOutOf} publishes no end-session endpoint,
                so your own session at {signedOutOf} may remain: sign out there too on a shared computer.</p>
                """) : default)}
            <section class="card">
            <h1>Sign in with {providers[0].DisplayName}</h1>
            <p>This app is an OAuth 2.0 client. It sends you to the provider you choose to sign in and to allow it some scopes,
            then shows what it may read, and every step it took.</p>
            <p class="actions">{Join(providers.Select(provider => Of($"<a class=\"button\" href=\"{provider.LoginPath}\">Sign in with {provider.DisplayName}</a> ")))}</p>
            </section>
            """) : Of($"""
            <section class="card">
            <h1>Signed in{(session.Profile?.Username is { } username ? $" as {username}" : string.Empty)} with {session.Tokens?.Provider?.DisplayName}</h1>
            <p class="actions"><a class="button" href="/dashboard">Open the dashboard</a> <a href="/logout">Sign out</a></p>
            </section>
            """), signedIn: session?.Tokens is not null);
    }
}

/// <summary>What every response needs: error pages and the browser security headers.</summary>
internal static class PageSetup
{
    /// <summary>Any exception becomes a page without its details: 502 when the server failed us, else 500.</summary>
    public static IApplicationBuilder UseClientErrorPages(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => (context.Features.Get<IExceptionHandlerFeature>()?.Error is not UpstreamException upstream
                ? Html.ErrorPage(StatusCodes.Status500InternalServerError, "Something went wrong", "This app failed to answer. Please try again.")
                : context.RequestServices.GetRequiredService<SessionStore>().Find(context) is var session && session?.Tokens is null
                ? Html.ErrorPage(StatusCodes.Status502BadGateway, "The sign-in provider failed", upstream.Message,
                    steps: session is null ? default : StepLog.Render(session.Steps.Snapshot()))
                // Signed in, with the provider out of reach: the session is intact, so the page says so and offers a retry.
                : Html.ErrorPage(StatusCodes.Status502BadGateway, "Signed in; the authorization server is unreachable",
                    "You are still signed in to this app, but the server that holds your account does not answer now.", upstream.Message,
                    actions: Html.Of($"<a class=\"button\" href=\"{context.Request.Path}\">Try again</a> <a href=\"/logout\">Sign out</a>"),
                    signedIn: true)).ExecuteAsync(context),
        });

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // No scripts at all; styles from this app only; its one form posts here and is redirected here.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            // The callback URL carries the code and state: never send it on as a Referer.
            headers["Referrer-Policy"] = "no-referrer";
            headers.TryAdd("Cache-Control", "no-store");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
