using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Server.AspNetCore;

namespace OpenIddictPeer;

internal static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/login/", ShowLoginForm);
        app.MapPost("/oauth/login/", SignInAsync);
        // Cast to Delegate: a handler that takes only HttpContext would otherwise bind as a RequestDelegate,
        // which drops the IResult it returns (analyzer ASP0016).
        app.MapMethods("/oauth/logout/", [HttpMethods.Get, HttpMethods.Post], (Delegate)SignOutAsync);
    }

    private static IResult ShowLoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        LoginPage(http, antiforgery, returnUrl ?? "/", message: null);

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, DemoUsers users)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var user = users.CheckPassword(form["username"].ToString(), form["password"].ToString());
        if (user is null)
        {
            return LoginPage(http, antiforgery, returnUrl, "Invalid username or password.");
        }

        var identity = new ClaimsIdentity([new Claim("sub", user.Id)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        http.Response.Headers.Location = IsLocalPath(returnUrl) ? returnUrl : "/";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    // The end-session endpoint (OpenID Connect RP-Initiated Logout 1.0). OpenIddict has already checked that
    // post_logout_redirect_uri is one the client registered; the sign-out below sends the browser there.
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict end-session request is missing.");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (request.PostLogoutRedirectUri is null)
        {
            return Html.Page(http, "Signed out", "<p>You are signed out of this server.</p>");
        }

        return TypedResults.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? message) =>
        Html.Page(http, "Sign in",
            (message is null ? "" : $"<p role=\"alert\">{Html.Encode(message)}</p>")
            + "<form method=\"post\" action=\"/oauth/login/\">"
            + Html.AntiforgeryField(http, antiforgery)
            + Html.Hidden("returnUrl", returnUrl)
            + "<label>Username <input name=\"username\" autocomplete=\"username\"></label>"
            + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>"
            + "<button type=\"submit\">Sign in</button></form>");

    // Only a local path is followed ("//host" and "/\host" leave the site in browsers).
    private static bool IsLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
