namespace MiniOAuth.Server.Html;

/// <summary>Headers that every response carries, HTML pages above all (RFC 9700 §4.16, §4.2.4).</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
            // RFC 9700 §4.16: no framing, so no clickjacking of the login and consent pages.
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            // Authorization codes travel in URLs: never send them on as a Referer (RFC 9700 §4.2.4).
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
}
