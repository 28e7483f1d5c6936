using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenIddictPeer;

internal static class TokenEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/token/", ExchangeAsync);

    public static void MapUserInfo(this IEndpointRouteBuilder app) =>
        app.MapMethods("/oauth/userinfo/", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);

    // OpenIddict has authenticated the client (PBKDF2 secret hash) and validated the grant
    // (code, PKCE verifier, refresh token status) before this handler runs.
    private static async Task<IResult> ExchangeAsync(HttpContext http, DemoUsers users)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict token request is missing.");

        if (request.IsClientCredentialsGrantType())
        {
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetScopes(request.GetScopes());
            return SignIn(identity);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var grant = await http.AuthenticateAsync(Scheme);
            var user = users.FindById(grant.Principal?.GetClaim(Claims.Subject));
            if (grant.Principal is null || user is null)
            {
                return Forbid(Errors.InvalidGrant, "The user of this grant no longer exists.");
            }

            // The user's claims are read again from the store, as the openiddict-samples do.
            var identity = new ClaimsIdentity(grant.Principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Name, user.DisplayName)
                .SetClaim(Claims.Email, user.Email)
                .SetClaims(Claims.Role, [user.Role]);
            return SignIn(identity);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    // OpenIddict has validated the access token (signature, lifetime, token entry in the database).
    private static async Task<IResult> UserInfoAsync(HttpContext http, DemoUsers users)
    {
        var token = await http.AuthenticateAsync(Scheme);
        if (token.Principal is not { } principal)
        {
            return TypedResults.Challenge(authenticationSchemes: [Scheme]);
        }

        if (users.FindById(principal.GetClaim(Claims.Subject)) is not { } user)
        {
            return Forbid(Errors.InsufficientScope, "This token has no user.");
        }

        var body = new Dictionary<string, object> { ["sub"] = user.Id, ["id"] = user.Id, ["username"] = user.Username };
        if (principal.HasScope("profile"))
        {
            body["name"] = user.DisplayName;
        }

        if (principal.HasScope("email"))
        {
            body["email"] = user.Email;
        }

        if (principal.HasScope("roles"))
        {
            body["roles"] = new[] { user.Role };
        }

        return TypedResults.Json(body);
    }

    private static IResult SignIn(ClaimsIdentity identity)
    {
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static IResult Forbid(string error, string description) =>
        TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [Scheme]);
}
