using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Server.Html;

/// <summary>The server's HTML pages: one layout, one stylesheet, every value HTML-encoded.</summary>
internal static class Page
{
    public const string StylesheetPath = "/oauth/static/site.css";
    public const string IconPath = "/oauth/static/icon.svg";

    /// <summary>HTML-encodes a value for text or a quoted attribute.</summary>
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static ContentHttpResult Render(string title, string body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Layout(title, body), "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <param name="received">Request parameters to show as they came (encoded), so that a developer sees what was wrong.</param>
    public static ContentHttpResult Error(
        string title, string message, int status = StatusCodes.Status400BadRequest, IEnumerable<(string Name, string? Value)>? received = null) =>
        Render(title, $"""
            <h1>{E(title)}</h1>
            <p class="error">{E(message)}</p>
            {Received(received ?? [])}
            <p>Nothing was sent back to the application. Check the link you followed, or start again from the application.</p>
            """, status);

    private static string Received(IEnumerable<(string Name, string? Value)> received)
    {
        var rows = string.Concat(received.Select(p => $"""<dt>{E(p.Name)}</dt><dd>{Shown(p.Value)}</dd>"""));
        return rows.Length == 0 ? "" : $"""<p>What the request named:</p><dl class="received">{rows}</dl>""";
    }

    private static string Shown(string? value) => value is null
        ? """<span class="muted">(not sent)</span>"""
        : $"<code>{E(value.Length <= 500 ? value : value[..500] + "…")}</code>";

    private static string Layout(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · MiniOAuth</title>
        <link rel="stylesheet" href="{StylesheetPath}">
        <link rel="icon" href="{IconPath}" type="image/svg+xml">
        </head>
        <body>
        <header><a class="brand" href="/">MiniOAuth</a></header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """;

    /// <summary>The stylesheet and the icon; browsers that ask for /favicon.ico without reading the page get the icon too.</summary>
    public static void MapPageAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(StylesheetPath, () => TypedResults.Text(Stylesheet, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet(IconPath, () => TypedResults.Text(Icon, "image/svg+xml")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => TypedResults.Text(Icon, "image/svg+xml")).ExcludeFromDescription();
    }

    // A key on the accent colour.
    private const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#2f5bd3"/><g fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"><circle cx="11" cy="16" r="5"/><path d="M16 16h11M24 16v5M28 16v3"/></g></svg>
        """;

    private const string Stylesheet = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee8; --accent: #2f5bd3; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #f6f7fb; }
        header { padding: .75rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
        main { width: min(34rem, 100% - 2rem); margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: .5rem; }
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
        main:has(table) { width: min(60rem, 100% - 2rem); }
        td, th { overflow-wrap: anywhere; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #eef1f7; padding: .5rem; border-radius: .25rem; }
        h2 { font-size: 1.1rem; margin-top: 2rem; }
        fieldset { margin-top: .75rem; border: 1px solid var(--line); border-radius: .25rem; }
        label.check { display: block; margin: .25rem 0; font-weight: normal; }
        form.inline { display: inline; } form.inline button, form.inline input { margin-top: .25rem; }
        form.inline input[type=text] { width: auto; }
        button.danger { background: var(--bad); }
        nav.admin { margin-bottom: 1rem; }
        .notice { padding: .5rem; background: #e8f3ea; border-radius: .25rem; }
        .credentials { padding: .75rem; border: 2px solid var(--accent); border-radius: .25rem; }
        a.button { display: inline-block; margin-top: 1rem; padding: .5rem 1rem; border-radius: .25rem; background: #e7eaf2; color: var(--ink); text-decoration: none; }
        a.button.danger { background: var(--bad); color: #fff; } td a.button { margin-top: 0; }
        dl.received dd { margin: 0 0 .5rem 1rem; }
        /* Phones (390 px and up): the page keeps a gutter, and each table row becomes a block of its cells. */
        @media (max-width: 40rem) {
          main, main:has(table) { margin: 1rem auto; padding: 1rem; }
          table, tbody, tr, td { display: block; } thead { display: none; }
          tr { padding: .5rem 0; border-bottom: 1px solid var(--line); } td { border: 0; padding: .15rem 0; }
          form.inline input[type=text] { width: 100%; }
        }
        """;
}
