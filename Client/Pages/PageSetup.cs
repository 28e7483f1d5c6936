using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Pages;

/// <summary>What every page needs: antiforgery, error pages, and the browser security headers.</summary>
internal static class PageSetup
{
    public static IServiceCollection AddClientPages(this IServiceCollection services) =>
        services.AddSingleton<IAntiforgeryAdditionalDataProvider, SessionBoundForms>().AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "minioauth_client_antiforgery";
            antiforgery.FormFieldName = "__RequestVerificationToken";
            // The framing headers are sent on every response below, not only where a token is issued.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });

    /// <summary>
    /// Binds every form token to the session it was issued for: this app's sessions are its own cookie,
    /// so to ASP.NET Core antiforgery every visitor is anonymous, and a token pair taken by one browser
    /// was good with any session. A same-site sibling that can set cookies for this host could then
    /// post a victim's userdata form. The token carries a hash of the session cookie of its page.
    /// </summary>
    private sealed class SessionBoundForms : IAntiforgeryAdditionalDataProvider
    {
        public string GetAdditionalData(HttpContext context) => SessionTag(context);

        // A form posted with no session acts for nobody; one posted with a session needs that session's token.
        public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
            SessionTag(context) is var current && (current.Length == 0
                || CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(additionalData), Encoding.ASCII.GetBytes(current)));

        private static string SessionTag(HttpContext context) =>
            context.Request.Cookies[SessionCookie.Name] is { Length: > 0 } session
                ? Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(session)))
                : "";
    }

    /// <summary>Any exception becomes a page without its details: 502 when the server failed us, else 500.</summary>
    public static IApplicationBuilder UseClientErrorPages(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorPageAsync });

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var authority = new Uri(app.ApplicationServices.GetRequiredService<IOptions<ClientOptions>>().Value.Authority);
        // No scripts at all; styles from this app only; forms post here, and may be redirected on to the server's login.
        var policy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            + $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}; frame-ancestors 'none'";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                // The callback URL carries the code and state: never send it on as a Referer.
                headers["Referrer-Policy"] = "no-referrer";
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static Task WriteErrorPageAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var page = error is UpstreamException upstream
            ? ErrorPage.Render(StatusCodes.Status502BadGateway, "The authorization server failed", upstream.Message)
            : ErrorPage.Render(StatusCodes.Status500InternalServerError, "Something went wrong", "This app failed to answer. Please try again.");
        return page.ExecuteAsync(context);
    }
}
