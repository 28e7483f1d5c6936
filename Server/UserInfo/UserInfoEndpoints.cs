using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.UserInfo;

/// <summary>The user behind an access token; each field only with the scope that allows it.</summary>
public sealed record UserInfoResponse(
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles);

/// <summary>The roles of the user behind an access token with the <c>roles</c> scope.</summary>
public sealed record RolesResponse([property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

internal static class UserInfoEndpoints
{
    public static void MapUserInfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/userinfo", UserInfo).RequireCors(Cors.PublicClients);
        app.MapPost("/oauth/userinfo", UserInfo).RequireCors(Cors.PublicClients);
    }

    public static void MapRoles(this IEndpointRouteBuilder app) =>
        app.MapGet("/oauth/roles", Roles);

    private static async Task<Results<Ok<UserInfoResponse>, UnauthorizedHttpResult, StatusCodeHttpResult>> UserInfo(
        HttpContext context, BearerAuthenticator bearer)
    {
        var auth = await bearer.AuthenticateAsync(context);
        if (!auth.Succeeded)
        {
            BearerAuthenticator.Challenge(context.Response, auth.Error!);
            return TypedResults.Unauthorized();
        }

        if (auth.User is not { } user)
        {
            // A client-credentials token has no user to describe.
            BearerAuthenticator.Challenge(context.Response, Errors.InsufficientScope, Scopes.Profile);
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var scope = auth.Token!.Scope;
        return TypedResults.Ok(new UserInfoResponse(
            user.Id, user.Id, user.Username,
            Scopes.Contains(scope, Scopes.Profile) ? user.Name : null,
            Scopes.Contains(scope, Scopes.Email) ? user.Email : null,
            Scopes.Contains(scope, Scopes.Roles) ? user.Roles : null));
    }

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
