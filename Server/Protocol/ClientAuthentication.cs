using System.Text;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Protocol;

/// <summary>
/// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
/// <c>client_secret_basic</c>, <c>client_secret_post</c>, or <c>none</c> for a public client.
/// </summary>
internal static class ClientAuthentication
{
    /// <summary>
    /// Reads the credentials of RFC 6749 §2.3.1: the Authorization header or the form, never both
    /// (a client "MUST NOT use more than one authentication method in each request"); checks them
    /// against the registered client (§3.2.1), then takes one request of that client's rate limit.
    /// </summary>
    public static async Task<(Client? Client, OAuthError? Error)> AuthenticateAsync(HttpContext context, IFormCollection form)
    {
        string? authorization = context.Request.Headers.Authorization;
        var clientId = form["client_id"].ToString();
        var secret = form["client_secret"].ToString() is { Length: > 0 } formSecret ? formSecret : null;
        if (!string.IsNullOrEmpty(authorization))
        {
            if (secret is not null)
            {
                return (null, OAuthError.InvalidRequest("Use one client authentication method, not two."));
            }

            (var id, secret) = ParseBasic(authorization);
            if (id is null || secret is null)
            {
                return (null, OAuthError.InvalidClient("The Authorization header is not valid Basic credentials."));
            }

            if (clientId.Length > 0 && clientId != id)
            {
                return (null, OAuthError.InvalidRequest("client_id differs from the authenticated client."));
            }

            clientId = id;
        }

        if (clientId.Length is 0 or > 200)
        {
            return (null, OAuthError.InvalidClient("Client authentication is required."));
        }

        // The fast path: Fast/HotQueries.cs reads the client in plain SQL; as LINQ, db.Clients.Find(id).
        var services = context.RequestServices;
        var client = await services.GetRequiredService<HotQueries>().ClientById(
            services.GetRequiredService<MiniOAuthDb>(), clientId, context.RequestAborted);

        // RFC 6749 §2.3.1, compared in constant time.
        if (client is null || (client.IsConfidential && (secret is null || !Secrets.Matches(secret, client.SecretHash))))
        {
            return (null, OAuthError.InvalidClient("Unknown client or wrong credentials."));
        }

        if (!client.IsConfidential && secret is not null)
        {
            return (null, OAuthError.InvalidClient("A public client has no secret to present."));
        }

        return services.GetRequiredService<ClientRequestLimits>().TryTake(client.Id)
            ? (client, null)
            : (null, OAuthError.TooManyRequests());
    }

    /// <summary>
    /// RFC 7617 §2: the scheme (in any case), spaces, then the base64 of <c>id ":" secret</c>; RFC 6749
    /// §2.3.1: the id and secret are form-urlencoded before that.
    /// </summary>
    public static (string? Id, string? Secret) ParseBasic(string authorization)
    {
        var space = authorization.IndexOf(' ');
        if (space < 0 || !authorization.AsSpan(0, space).Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var encoded = authorization.AsSpan(space + 1).Trim(' ');
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':');
        return colon <= 0
            ? (null, null)
            : (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')),
               Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
    }
}
