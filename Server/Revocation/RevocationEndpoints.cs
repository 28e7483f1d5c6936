using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Revocation;

/// <summary>The revocation endpoint, RFC 7009: the client ends one of its tokens.</summary>
internal static class RevocationEndpoints
{
    public static void MapRevocation(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/revoke", Revoke).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<JsonObject>, JsonHttpResult<OAuthError>>> Revoke(
        HttpContext context, IValidator<PresentedToken> validator, ClientAuthenticator authenticator, Revocations revocations)
    {
        // RFC 7009 §2.1: the server first validates the client credentials (public clients send client_id).
        var (client, request, error) = await ProtocolForm.ReadAsync(context, PresentedToken.From, validator, authenticator, clientFirst: true);
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        await revocations.RevokePresentedAsync(request!, client, context.RequestAborted);
        // RFC 7009 §2.2: 200 whether or not anything was revoked; an invalid token is not an error. The
        // client may ignore the body; an empty JSON object keeps clients that parse every answer as JSON happy.
        return TypedResults.Ok(new JsonObject());
    }
}
