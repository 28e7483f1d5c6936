using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token.Grants;

namespace MiniOAuth.Server.Token;

/// <summary>The token endpoint, RFC 6749 §3.2: authenticate the client, then run its grant.</summary>
internal static class TokenEndpoints
{
    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/token", Token).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> Token(
        HttpContext context, IValidator<TokenRequest> validator, ClientAuthenticator authenticator,
        AuthorizationCodeGrant authorizationCode, RefreshTokenGrant refreshToken, ClientCredentialsGrant clientCredentials)
    {
        // RFC 6749 §5.1: token responses must not be cached. Errors neither: they may name a code.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        var (client, request, error) = await ProtocolForm.ReadAsync(context, TokenRequest.From, validator, authenticator, clientFirst: false);
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        // RFC 6749 §5.2: a grant type we do not know, or that this client was not given.
        if (!GrantTypes.All.Contains(request!.GrantType))
        {
            return ProtocolForm.Error(context, OAuthError.UnsupportedGrantType($"grant_type '{request.GrantType}' is not supported."));
        }

        if (!client.AllowedGrants.Contains(request.GrantType!))
        {
            return ProtocolForm.Error(context, OAuthError.UnauthorizedClient($"This client may not use grant_type '{request.GrantType}'."));
        }

        var ct = context.RequestAborted;
        var result = request.GrantType switch
        {
            GrantTypes.AuthorizationCode => await authorizationCode.HandleAsync(request, client, ct),
            GrantTypes.RefreshToken => await refreshToken.HandleAsync(request, client, ct),
            _ => await clientCredentials.HandleAsync(request, client, ct),
        };
        return result.Tokens is { } tokens ? TypedResults.Ok(tokens) : ProtocolForm.Error(context, result.Error!);
    }
}
