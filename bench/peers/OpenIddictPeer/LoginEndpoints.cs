using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OpenIddictPeer;

internal static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/login/", ShowLoginForm);
        app.MapPost("/oauth/login/", SignInAsync);
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
