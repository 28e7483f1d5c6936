using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Token;

/// <summary>The claims of a MiniOAuth access token that passed signature and expiry checks.</summary>
public sealed record AccessTokenClaims(
    string Jti, string Subject, string ClientId, string Scope, string? GrantId, DateTime IssuedAt, DateTime ExpiresAt)
{
    /// <summary>Client-credentials tokens have no user: their subject is the client (RFC 9068 §2.2).</summary>
    public bool HasUser => GrantId is not null;
}

/// <summary>Issues and validates JWT access tokens after RFC 9068.</summary>
internal sealed class AccessTokens(SigningKeys keys, TimeProvider clock, IOptions<OAuthOptions> options)
{
    public const string TokenType = "at+jwt";
    private const string GrantClaim = "gid";

    private static readonly JsonWebTokenHandler Handler = new();
    private readonly SignatureCache _checked = new();

    public async Task<(string Token, AccessTokenClaims Claims)> IssueAsync(
        string subject, string clientId, string scope, string? grantId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new AccessTokenClaims(
            Secrets.New(), subject, clientId, scope, grantId, now, now + options.Value.AccessTokenLifetime);
        var issuer = options.Value.Issuer;
        var signer = await keys.GetSignerAsync(ct);
        var token = signer.Sign(json =>
        {
            // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; then scope, and the grant of a user token.
            json.WriteString(JwtRegisteredClaimNames.Iss, issuer);
            json.WriteString(JwtRegisteredClaimNames.Sub, subject);
            json.WriteString(JwtRegisteredClaimNames.Aud, issuer);
            json.WriteNumber(JwtRegisteredClaimNames.Exp, new DateTimeOffset(claims.ExpiresAt).ToUnixTimeSeconds());
            json.WriteNumber(JwtRegisteredClaimNames.Iat, new DateTimeOffset(claims.IssuedAt).ToUnixTimeSeconds());
            json.WriteString(JwtRegisteredClaimNames.Jti, claims.Jti);
            json.WriteString("client_id", clientId);
            json.WriteString("scope", scope);
            if (grantId is not null)
            {
                json.WriteString(GrantClaim, grantId);
            }
        });
        return (token, claims);
    }

    /// <summary>
    /// Checks signature, algorithm, <c>typ</c>, issuer, audience and expiry (RFC 9068 §4); says
    /// nothing about revocation, which lives in the database.
    /// </summary>
    public async Task<AccessTokenClaims?> ValidateAsync(string token, CancellationToken ct = default)
    {
        // The fast path: a token's signature is checked once (Fast/SignatureCache.cs).
        if (_checked.TryGet(token, out var known))
        {
            return clock.GetUtcNow().UtcDateTime < known!.ExpiresAt ? known : null;
        }

        if (token.Length > 4096 || !Handler.CanReadToken(token))
        {
            return null;
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // Three dot-separated parts that do not decode (SecurityTokenMalformedException is one too):
            // bad input, not a server error.
            return null;
        }

        var key = jwt.Kid is { Length: > 0 } kid ? await keys.FindAsync(kid, ct) : null;
        if (key is null)
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Issuer,
            ValidTypes = [TokenType],
            ValidAlgorithms = [SigningKeys.Algorithm],
            IssuerSigningKey = key,
            // Expiry is checked below against the injected clock, so that tests can move time.
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        if (!result.IsValid
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti)
            || !jwt.TryGetPayloadValue<string>("client_id", out var clientId)
            || !jwt.TryGetPayloadValue<string>("scope", out var scope)
            || string.IsNullOrEmpty(jwt.Subject))
        {
            return null;
        }

        jwt.TryGetPayloadValue<string>(GrantClaim, out var grantId);
        var claims = new AccessTokenClaims(jti, jwt.Subject, clientId, scope, grantId, jwt.IssuedAt, jwt.ValidTo);
        _checked.Remember(token, claims);
        return clock.GetUtcNow().UtcDateTime < claims.ExpiresAt ? claims : null;
    }
}
