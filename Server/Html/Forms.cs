using Microsoft.AspNetCore.Antiforgery;

namespace MiniOAuth.Server.Html;

/// <summary>HTML form helpers: the anti-forgery field on every form, and a form reader that checks it.</summary>
internal static class Forms
{
    public const string FormContentType = "application/x-www-form-urlencoded";

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
