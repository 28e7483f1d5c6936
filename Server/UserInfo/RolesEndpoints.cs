using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.UserInfo;

/// <summary>The roles of the user behind an access token with the <c>roles</c> scope.</summary>
public sealed record RolesResponse([property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

internal static class RolesEndpoints
{
    public static void MapRoles(this IEndpointRouteBuilder app) =>
        app.MapGet("/oauth/roles", Roles);

    private static async Task<Results<Ok<RolesResponse>, UnauthorizedHttpResult, StatusCodeHttpResult>> Roles(
        HttpContext context, BearerAuthenticator bearer)
    {
        var auth = await bearer.AuthenticateAsync(context);
        if (!auth.Succeeded)
        {
            BearerAuthenticator.Challenge(context.Response, auth.Error!);
            return TypedResults.Unauthorized();
        }

        // RFC 6750 §3.1: a token without the scope is insufficient; so is a client-credentials token,
        // which has no user to have roles, whatever scope it carries.
        if (auth.User is not { } user || !Scopes.Contains(auth.Token!.Scope, Scopes.Roles))
        {
            BearerAuthenticator.Challenge(context.Response, Errors.InsufficientScope, Scopes.Roles);
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        return TypedResults.Ok(new RolesResponse(user.Roles));
    }
}
