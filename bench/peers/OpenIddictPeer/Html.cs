using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace OpenIddictPeer;

/// <summary>The two small HTML pages (login, consent); the benchmark's driver fills them in like a browser.</summary>
internal static class Html
{
    public static IResult Page(HttpContext http, string title, string body)
    {
        http.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        http.Response.Headers.XFrameOptions = "DENY";
        return TypedResults.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>",
            "text/html; charset=utf-8");
    }

    public static string Hidden(string name, string value) =>
        $"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">";

    public static string AntiforgeryField(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Hidden(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
