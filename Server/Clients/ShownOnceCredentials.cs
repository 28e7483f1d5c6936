using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace MiniOAuth.Server.Clients;

/// <summary>A client's new secret and API key, on their way to the one page that shows them.</summary>
internal sealed record NewCredentials(string ClientId, string? Secret, string? ApiKey, DateTime ExpiresAt);

/// <summary>
/// Carries new credentials from the form POST that made them to the page its 303 leads to (RFC 9700
/// §4.12), where they are shown once: encrypted with data protection in a short-lived cookie limited
/// to the client pages, deleted by the page that shows them. A reload shows nothing and posts nothing
/// again, and the secrets never travel in a URL, nor reach a log or the database.
/// </summary>
internal sealed class ShownOnceCredentials(IDataProtectionProvider protection, TimeProvider clock, IHostEnvironment env)
{
    private readonly string _cookieName = Html.ServerCookies.NewCredentials(env);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _protector = protection.CreateProtector("MiniOAuth.Clients.ShownOnceCredentials");

    public void Keep(HttpContext context, string clientId, string? secret, string? apiKey)
    {
        var credentials = new NewCredentials(clientId, secret, apiKey, clock.GetUtcNow().UtcDateTime + Lifetime);
        var options = CookieOptions();
        options.MaxAge = Lifetime;
        context.Response.Cookies.Append(_cookieName, _protector.Protect(JsonSerializer.Serialize(credentials)), options);
    }

    /// <summary>The credentials kept for this client, forgotten as they are read; null when there are none (any more).</summary>
    public NewCredentials? Take(HttpContext context, string clientId)
    {
        if (context.Request.Cookies[_cookieName] is not { Length: > 0 and < 4096 } cookie)
        {
            return null;
        }

        NewCredentials? credentials;
        try
        {
            credentials = JsonSerializer.Deserialize<NewCredentials>(_protector.Unprotect(cookie));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            credentials = null;
        }

        var expired = credentials is null || credentials.ExpiresAt <= clock.GetUtcNow().UtcDateTime;
        if (!expired && credentials!.ClientId != clientId)
        {
            return null;
        }

        context.Response.Cookies.Delete(_cookieName, CookieOptions());
        return expired ? null : credentials;
    }

    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = !env.IsDevelopment(),
        Path = "/oauth/admin/clients",
        IsEssential = true,
    };
}
