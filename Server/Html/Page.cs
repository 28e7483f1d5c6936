using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Server.Html;

/// <summary>The server's HTML pages: one layout, one stylesheet, every value HTML-encoded.</summary>
internal static class Page
{
    public const string StylesheetPath = "/oauth/static/site.css";

    /// <summary>HTML-encodes a value for text or a quoted attribute.</summary>
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static ContentHttpResult Render(string title, string body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Layout(title, body), "text/html; charset=utf-8", Encoding.UTF8, status);

    public static ContentHttpResult Error(string title, string message, int status = StatusCodes.Status400BadRequest) =>
        Render(title, $"""
            <h1>{E(title)}</h1>
            <p class="error">{E(message)}</p>
            <p>Nothing was sent back to the application. Check the link you followed, or start again from the application.</p>
            """, status);

    private static string Layout(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · MiniOAuth</title>
        <link rel="stylesheet" href="{StylesheetPath}">
        </head>
        <body>
        <header><a class="brand" href="/">MiniOAuth</a></header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """;

    public static void MapStylesheet(this IEndpointRouteBuilder app) =>
        app.MapGet(StylesheetPath, () => TypedResults.Text(Stylesheet, "text/css; charset=utf-8"))
            .ExcludeFromDescription();

    private const string Stylesheet = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee8; --accent: #2f5bd3; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #f6f7fb; }
        header { padding: .75rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
        main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: .5rem; }
        h1 { font-size: 1.4rem; margin-top: 0; }
        label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
        input[type=text], input[type=password], input[type=email], textarea, select { width: 100%; padding: .5rem; border: 1px solid var(--line); border-radius: .25rem; font: inherit; }
        button { margin-top: 1rem; padding: .5rem 1rem; border: 0; border-radius: .25rem; background: var(--accent); color: #fff; font: inherit; cursor: pointer; }
        button.secondary { background: #e7eaf2; color: var(--ink); }
        .error { color: var(--bad); }
        .muted { color: var(--muted); }
        ul.scopes li { margin: .25rem 0; }
        table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: .35rem; border-bottom: 1px solid var(--line); }
        code { background: #eef1f7; padding: 0 .25rem; border-radius: .2rem; word-break: break-all; }
        main:has(table) { max-width: 60rem; }
        h2 { font-size: 1.1rem; margin-top: 2rem; }
        fieldset { margin-top: .75rem; border: 1px solid var(--line); border-radius: .25rem; }
        label.check { display: block; margin: .25rem 0; font-weight: normal; }
        form.inline { display: inline; } form.inline button, form.inline input { margin-top: .25rem; }
        form.inline input[type=text] { width: auto; }
        button.danger { background: var(--bad); }
        nav.admin { margin-bottom: 1rem; }
        .notice { padding: .5rem; background: #e8f3ea; border-radius: .25rem; }
        .credentials { padding: .75rem; border: 2px solid var(--accent); border-radius: .25rem; }
        """;
}
