using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Introspection;

/// <summary>
/// The introspection endpoint, RFC 7662: a confidential client asks whether one of its tokens is live; a
/// resource server, whether any token of this server is.
/// </summary>
internal static class IntrospectionEndpoints
{
    public static void MapIntrospection(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/introspect", Introspect).RequireRateLimiting(RateLimiting.PerClient);

    private static async Task<Results<Ok<IntrospectionResponse>, JsonHttpResult<OAuthError>>> Introspect(
        HttpContext context, IValidator<PresentedToken> validator, TokenIntrospection introspection)
    {
        // The answer describes a token: it must not be cached (RFC 7662 §4).
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        // RFC 7662 §2.1: the caller must be authorized; here, only confidential clients with their secret.
        var (client, request, error) = await ProtocolForm.ReadAsync(context, PresentedToken.From, validator, clientFirst: true,
            mayCall: c => c.IsConfidential ? null : OAuthError.InvalidClient("Only confidential clients may introspect tokens."));
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        return TypedResults.Ok(await introspection.IntrospectAsync(request!, client, context.RequestAborted));
    }
}

/// <summary>
/// RFC 7662 §2: tells a client whether one of its own tokens is live. Expired, revoked, unknown and
/// malformed tokens, and every token of another client, are alike inactive (RFC 7662 §4: a client
/// learns nothing about tokens that were not issued to it). A resource server, the protected API that
/// RFC 7662 §2.1 has in mind, is the exception: it is sent other clients' tokens, so it sees every
/// token of this server, with the answer the issuing client would get.
/// </summary>
internal sealed class TokenIntrospection(
    MiniOAuthDb db, AccessTokens accessTokens, Revocations revocations, TimeProvider clock, IOptions<OAuthOptions> options)
{
    // Every token of this server is meant for this server's APIs: access tokens carry the issuer as
    // their aud (RFC 9068 §3), and refresh tokens are only ever presented here.
    private string Audience => options.Value.Issuer;

    private static bool MaySee(Client client, string tokenClientId) => client.IsResourceServer || tokenClientId == client.Id;

    public async Task<IntrospectionResponse> IntrospectAsync(PresentedToken request, Client client, CancellationToken ct)
    {
        var token = request.Token!;
        var found = request.AccessTokenFirst
            ? await AccessTokenAsync(token, client, ct) ?? await RefreshTokenAsync(token, client, ct)
            : await RefreshTokenAsync(token, client, ct) ?? await AccessTokenAsync(token, client, ct);
        return found ?? IntrospectionResponse.Inactive;
    }

    /// <summary>
    /// Null when the string is no genuine unexpired access token. Client-credentials tokens have no user:
    /// their <c>sub</c> is the client id and they carry no <c>username</c> (RFC 7662 §2.2: it names a resource owner).
    /// </summary>
    private async Task<IntrospectionResponse?> AccessTokenAsync(string token, Client client, CancellationToken ct)
    {
        var claims = await accessTokens.ValidateAsync(token, ct);
        if (claims is null)
        {
            return null;
        }

        if (!MaySee(client, claims.ClientId))
        {
            return IntrospectionResponse.Inactive;
        }

        // Live as a Bearer request would find it: a user token's grant and user, a client token's client.
        var user = claims.HasUser ? await revocations.FindLiveUserAsync(claims, ct) : null;
        if (claims.HasUser ? user is null : !await revocations.IsLiveClientTokenAsync(claims, ct))
        {
            return IntrospectionResponse.Inactive;
        }

        return new IntrospectionResponse(
            true, claims.Scope.Length > 0 ? claims.Scope : null, claims.ClientId, user?.Username, claims.Subject, Audience,
            IntrospectionResponse.UnixTime(claims.ExpiresAt), IntrospectionResponse.UnixTime(claims.IssuedAt), "Bearer");
    }

    /// <summary>
    /// Null when no refresh token has this hash. A live one is not yet rotated, not expired, and its
    /// grant is neither revoked nor expired, and its user not disabled.
    /// </summary>
    private async Task<IntrospectionResponse?> RefreshTokenAsync(string token, Client client, CancellationToken ct)
    {
        var hash = Secrets.HashForLookup(token);
        var found = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Grants, t => t.GrantId, g => g.Id, (t, g) => new { Token = t, Grant = g })
            .Join(db.Users, x => x.Grant.UserId, u => u.Id, (x, u) => new { x.Token, x.Grant, u.Username, u.IsDisabled })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var (refresh, grant) = (found.Token, found.Grant);
        var now = clock.GetUtcNow().UtcDateTime;
        var live = MaySee(client, refresh.ClientId) && refresh.ConsumedAt is null && refresh.ExpiresAt > now
            && grant.RevokedAt is null && grant.ExpiresAt > now && !found.IsDisabled;
        return live
            ? new IntrospectionResponse(
                true, grant.Scope, refresh.ClientId, found.Username, grant.UserId, Audience,
                IntrospectionResponse.UnixTime(refresh.ExpiresAt), IntrospectionResponse.UnixTime(refresh.CreatedAt), "refresh_token")
            : IntrospectionResponse.Inactive;
    }
}

/// <summary>
/// RFC 7662 §2.2. A live token carries the fields below (absent ones are left out of the JSON);
/// anything else is only <c>{"active": false}</c>, so that nothing leaks about it.
/// </summary>
public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope")] string? Scope = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("sub")] string? Subject = null,
    [property: JsonPropertyName("aud")] string? Audience = null,
    [property: JsonPropertyName("exp")] long? ExpiresAt = null,
    [property: JsonPropertyName("iat")] long? IssuedAt = null,
    [property: JsonPropertyName("token_type")] string? TokenType = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);

    /// <summary>Seconds since the Unix epoch (RFC 7662 §2.2, as in JWT <c>exp</c> and <c>iat</c>).</summary>
    public static long UnixTime(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
