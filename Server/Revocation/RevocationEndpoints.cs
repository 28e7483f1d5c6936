using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Revocation;

/// <summary>The revocation endpoint, RFC 7009: the client ends one of its tokens.</summary>
internal static class RevocationEndpoints
{
    public static void MapRevocation(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/revoke", Revoke).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<JsonObject>, JsonHttpResult<OAuthError>>> Revoke(
        HttpContext context, IValidator<PresentedToken> validator, ClientAuthenticator authenticator, TokenRevocation revocation)
    {
        var (form, formError) = await ProtocolForm.ReadAsync(context);
        if (form is null)
        {
            return ProtocolForm.Error(context, formError!);
        }

        // RFC 7009 §2.1: the server first validates the client credentials (public clients send client_id).
        var (client, authError) = await ProtocolForm.AuthenticateAsync(context, form, authenticator);
        if (client is null)
        {
            return ProtocolForm.Error(context, authError!);
        }

        var request = PresentedToken.From(form);
        if ((await validator.ValidateAsync(request, context.RequestAborted)).Errors.FirstOrDefault() is { } invalid)
        {
            return ProtocolForm.Error(context, OAuthError.InvalidRequest(invalid.ErrorMessage));
        }

        await revocation.RevokeAsync(request, client, context.RequestAborted);
        // RFC 7009 §2.2: 200 whether or not anything was revoked; an invalid token is not an error. The
        // client may ignore the body; an empty JSON object keeps clients that parse every answer as JSON happy.
        return TypedResults.Ok(new JsonObject());
    }
}
