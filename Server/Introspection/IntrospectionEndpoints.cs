using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;

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
        HttpContext context, IValidator<PresentedToken> validator, ClientAuthenticator authenticator, TokenIntrospection introspection)
    {
        // The answer describes a token: it must not be cached (RFC 7662 §4).
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        // RFC 7662 §2.1: the caller must be authorized; here, only confidential clients with their secret.
        var (client, request, error) = await ProtocolForm.ReadAsync(context, PresentedToken.From, validator, authenticator, clientFirst: true,
            mayCall: c => c.IsConfidential ? null : OAuthError.InvalidClient("Only confidential clients may introspect tokens."));
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        return TypedResults.Ok(await introspection.IntrospectAsync(request!, client, context.RequestAborted));
    }
}
