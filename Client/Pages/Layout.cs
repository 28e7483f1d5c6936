using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Client.Pages;

/// <summary>The frame every page shares: one stylesheet, no scripts, no inline styles.</summary>
internal static class Layout
{
    public static ContentHttpResult Page(string title, Html body, bool signedIn, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Render(title, body, signedIn).Value, "text/html; charset=utf-8", statusCode: status);

    public static Html Render(string title, Html body, bool signedIn) => Html.Of($"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · MiniOAuth client</title>
        <link rel="stylesheet" href="/site.css">
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/">MiniOAuth client</a>
        <nav>{Navigation(signedIn)}</nav>
        </header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """);

    private static Html Navigation(bool signedIn) => signedIn
        ? Html.Of($"""<a href="/dashboard">Dashboard</a> <a href="/logout">Sign out</a>""")
        : Html.Of($"""<a href="/login">Sign in</a>""");
}
