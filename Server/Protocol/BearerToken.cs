using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Protocol;

/// <summary>The outcome of reading a Bearer access token from a request (RFC 6750).</summary>
internal sealed record BearerResult(AccessTokenClaims? Token, User? User, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Authenticates RFC 6750 Bearer requests. The token is taken from the Authorization header only,
/// never from the query string (RFC 9700 §4.3.2) or the body.
/// </summary>
internal sealed class BearerAuthenticator(AccessTokens accessTokens, Revocations revocations)
{
    /// <summary>Set on the request when no token was sent at all (RFC 6750 §3.1: no error code then).</summary>
    public const string Missing = "missing";

    public async Task<BearerResult> AuthenticateAsync(HttpContext context)
    {
        const string scheme = "Bearer ";
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value
            || value.Length <= scheme.Length || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new BearerResult(null, null, Missing);
        }

        var token = value[scheme.Length..].Trim();
        var ct = context.RequestAborted;
        var claims = await accessTokens.ValidateAsync(token, ct);
        if (claims is null)
        {
            return new BearerResult(null, null, Errors.InvalidToken);
        }

        if (!claims.HasUser)
        {
            return await revocations.IsLiveClientTokenAsync(claims, ct)
                ? new BearerResult(claims, null, null)
                : new BearerResult(null, null, Errors.InvalidToken);
        }

        var user = await revocations.FindLiveUserAsync(claims, ct);
        return user is null ? new BearerResult(null, null, Errors.InvalidToken) : new BearerResult(claims, user, null);
    }

    /// <summary>The RFC 6750 §3 challenge for a failed Bearer request.</summary>
    public static void Challenge(HttpResponse response, string error, string? scope = null)
    {
        response.Headers.WWWAuthenticate = error == Missing
            ? "Bearer realm=\"MiniOAuth\""
            : scope is null
                ? $"Bearer realm=\"MiniOAuth\", error=\"{error}\""
                : $"Bearer realm=\"MiniOAuth\", error=\"{error}\", scope=\"{scope}\"";
    }
}
