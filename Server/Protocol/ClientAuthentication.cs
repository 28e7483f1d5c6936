using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Fast;

namespace MiniOAuth.Server.Protocol;

/// <summary>How a client presented itself at the token, revocation or introspection endpoint.</summary>
public sealed record PresentedClient(string? ClientId, string? Secret, string Method)
{
    public const string Basic = "client_secret_basic";
    public const string Post = "client_secret_post";
    public const string None = "none";

    /// <summary>
    /// Reads the credentials of RFC 6749 §2.3.1: the Authorization header or the form, never both
    /// (a client "MUST NOT use more than one authentication method in each request").
    /// </summary>
    public static (PresentedClient? Client, OAuthError? Error) Read(string? authorization, IFormCollection form)
    {
        var formId = form["client_id"].ToString();
        var formSecret = form["client_secret"].ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return formSecret.Length > 0
                ? (new PresentedClient(formId, formSecret, Post), null)
                : (new PresentedClient(formId.Length > 0 ? formId : null, null, None), null);
        }

        if (formSecret.Length > 0)
        {
            return (null, OAuthError.InvalidRequest("Use one client authentication method, not two."));
        }

        var (id, secret) = ParseBasic(authorization);
        if (id is null || secret is null)
        {
            return (null, OAuthError.InvalidClient("The Authorization header is not valid Basic credentials."));
        }

        if (formId.Length > 0 && formId != id)
        {
            return (null, OAuthError.InvalidRequest("client_id differs from the authenticated client."));
        }

        return (new PresentedClient(id, secret, Basic), null);
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

/// <summary>Checks a presented client against the registered one (RFC 6749 §2.3, §3.2.1).</summary>
internal sealed class ClientAuthenticator(MiniOAuthDb db, HotQueries queries)
{
    public async Task<(Client? Client, OAuthError? Error)> AuthenticateAsync(PresentedClient presented, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(presented.ClientId) || presented.ClientId.Length > 200)
        {
            return (null, OAuthError.InvalidClient("Client authentication is required."));
        }

        // The fast path: Fast/HotQueries.cs reads the client in plain SQL; as LINQ, db.Clients.Find(id).
        var client = await queries.ClientById(db, presented.ClientId, ct);
        if (client is null)
        {
            return (null, OAuthError.InvalidClient("Unknown client or wrong credentials."));
        }

        if (!client.IsConfidential)
        {
            return presented.Method == PresentedClient.None
                ? (client, null)
                : (null, OAuthError.InvalidClient("A public client has no secret to present."));
        }

        // RFC 6749 §2.3.1, compared in constant time.
        return presented.Secret is not null && Secrets.Matches(presented.Secret, client.SecretHash)
            ? (client, null)
            : (null, OAuthError.InvalidClient("Unknown client or wrong credentials."));
    }
}
