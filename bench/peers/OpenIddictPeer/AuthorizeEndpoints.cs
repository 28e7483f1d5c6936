using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenIddictPeer;

internal static class AuthorizeEndpoints
{
    private static readonly string[] FormOnlyFields = ["__RequestVerificationToken", "decision"];

    public static void MapAuthorize(this IEndpointRouteBuilder app) =>
        app.MapMethods("/oauth/authorize/", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);

    // OpenIddict has already checked the client, redirect URI, response type, scopes and PKCE
    // parameters; this handler adds the login session and the remembered consent.
    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        DemoUsers users,
        IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict authorization request is missing.");
        var isPost = HttpMethods.IsPost(http.Request.Method);
        if (isPost && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = users.FindById(session.Principal?.FindFirst("sub")?.Value);
        if (user is null)
        {
            var returnUrl = "/oauth/authorize/" + QueryString.Create(RequestParameters(http));
            return TypedResults.Redirect("/oauth/login/?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        var client = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("OpenIddict let an unknown client through.");
        var clientId = await applications.GetIdAsync(client)
            ?? throw new InvalidOperationException("The client has no id.");
        var scopes = request.GetScopes() is { IsEmpty: false } asked ? asked : ["profile"];
        var decision = isPost ? http.Request.Form["decision"].ToString() : null;
        if (decision == "deny")
        {
            return Forbid(Errors.AccessDenied, "The user denied the request.");
        }

        var remembered = await FindPermanentAuthorizationAsync(authorizations, user.Id, clientId, scopes);
        if (decision != "allow" && (remembered is null || request.HasPromptValue(PromptValues.Consent)))
        {
            return ConsentPage(http, antiforgery, request.ClientId!, scopes);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.Username)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.Role, [user.Role]);
        // OpenIddict issues a refresh token only with offline_access; the contract gives one to every user grant.
        identity.SetScopes(scopes.Add(Scopes.OfflineAccess));
        var authorization = remembered
            ?? await authorizations.CreateAsync(identity, user.Id, clientId, AuthorizationTypes.Permanent, identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<object?> FindPermanentAuthorizationAsync(
        IOpenIddictAuthorizationManager authorizations, string subject, string clientId, ImmutableArray<string> scopes)
    {
        await foreach (var authorization in authorizations.FindAsync(subject, clientId, Statuses.Valid, AuthorizationTypes.Permanent, scopes))
        {
            return authorization;
        }

        return null;
    }

    private static IResult ConsentPage(HttpContext http, IAntiforgery antiforgery, string clientId, ImmutableArray<string> scopes)
    {
        var hidden = string.Concat(RequestParameters(http).Select(p => Html.Hidden(p.Key, p.Value ?? "")));
        return Html.Page(http, "Allow access?",
            $"<p>{Html.Encode(clientId)} asks for: {Html.Encode(string.Join(' ', scopes))}</p>"
            + "<form method=\"post\" action=\"/oauth/authorize/\">"
            + Html.AntiforgeryField(http, antiforgery)
            + hidden
            + "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>"
            + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
    }

    private static IEnumerable<KeyValuePair<string, string?>> RequestParameters(HttpContext http)
    {
        var source = http.Request.HasFormContentType
            ? http.Request.Form.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            : http.Request.Query.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
        return source.Where(p => !FormOnlyFields.Contains(p.Key));
    }

    private static IResult Forbid(string error, string description) =>
        TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
