using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token.Grants;

namespace MiniOAuth.Server.Token;

/// <summary>The token endpoint, RFC 6749 §3.2: authenticate the client, then run its grant.</summary>
internal static class TokenEndpoints
{
    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/token", Token).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> Token(
        HttpContext context, IValidator<TokenRequest> validator, ClientAuthenticator authenticator, IServiceProvider services)
    {
        // RFC 6749 §5.1: token responses must not be cached. Errors neither: they may name a code.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        var (form, formError) = await ProtocolForm.ReadAsync(context);
        if (form is null)
        {
            return ProtocolForm.Error(context, formError!);
        }

        var request = TokenRequest.From(form);
        if ((await validator.ValidateAsync(request, context.RequestAborted)).Errors.FirstOrDefault() is { } invalid)
        {
            return ProtocolForm.Error(context, OAuthError.InvalidRequest(invalid.ErrorMessage));
        }

        var (client, authError) = await ProtocolForm.AuthenticateAsync(context, form, authenticator);
        if (client is null)
        {
            return ProtocolForm.Error(context, authError!);
        }

        var result = await RunGrantAsync(request, client, services, context.RequestAborted);
        return result.Tokens is { } tokens ? TypedResults.Ok(tokens) : ProtocolForm.Error(context, result.Error!);
    }

    private static async Task<GrantResult> RunGrantAsync(TokenRequest request, Client client, IServiceProvider services, CancellationToken ct)
    {
        if (!GrantTypes.All.Contains(request.GrantType))
        {
            return OAuthError.UnsupportedGrantType($"grant_type '{request.GrantType}' is not supported.");
        }

        if (!client.AllowedGrants.Contains(request.GrantType!))
        {
            return OAuthError.UnauthorizedClient($"This client may not use grant_type '{request.GrantType}'.");
        }

        return request.GrantType switch
        {
            GrantTypes.AuthorizationCode => await services.GetRequiredService<AuthorizationCodeGrant>().HandleAsync(request, client, ct),
            GrantTypes.RefreshToken => await services.GetRequiredService<RefreshTokenGrant>().HandleAsync(request, client, ct),
            _ => await services.GetRequiredService<ClientCredentialsGrant>().HandleAsync(request, client, ct),
        };
    }
}
