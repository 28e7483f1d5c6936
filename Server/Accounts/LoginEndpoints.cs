using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>The login page and its JSON twin, and the browser logout.</summary>
internal static class LoginEndpoints
{
    private const string FailedMessage = "Wrong username or password.";

    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/login", ShowLogin);
        app.MapPost("/oauth/login", PostLogin);
        app.MapGet("/oauth/logout", LogoutEndpoints.BrowserLogout);
        app.MapPost("/oauth/logout", LogoutEndpoints.BearerLogout);
    }

    private static ContentHttpResult ShowLogin(HttpContext context, string? returnUrl) =>
        Render(context, returnUrl, message: null);

    private static async Task<IResult> PostLogin(
        HttpContext context, Login login, LoginSessions sessions, IValidator<LoginRequest> validator)
    {
        if (Forms.IsJson(context.Request))
        {
            return await JsonLogin(context, login, sessions, validator);
        }

        if (!Forms.IsForm(context.Request))
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: "Send the login form, or JSON with Content-Type: application/json.");
        }

        var form = await Forms.ReadCheckedFormAsync(context);
        var returnUrl = context.Request.Query["returnUrl"].ToString();
        if (form is null)
        {
            return Render(context, returnUrl, "The form expired or was not sent by this site. Please try again.", 400);
        }

        returnUrl = form["returnUrl"].ToString() is { Length: > 0 } posted ? posted : returnUrl;
        var request = new LoginRequest(form["username"], form["password"]);
        if (!(await validator.ValidateAsync(request, context.RequestAborted)).IsValid)
        {
            return Render(context, returnUrl, FailedMessage, 400, request.Username);
        }

        var result = await login.AttemptAsync(request.Username!, request.Password!, TransportSecurity.ClientAddress(context), context.RequestAborted);
        if (result.RetryAfter is { } wait)
        {
            SetRetryAfter(context, wait);
            return Render(context, returnUrl, "Too many failed attempts. Please wait and try again.", 429, request.Username);
        }

        if (result.User is null)
        {
            return Render(context, returnUrl, FailedMessage, 200, request.Username);
        }

        await sessions.SignInAsync(context, result.User);
        // RFC 9700 §4.12: answer a form POST with 303, so the browser does not post again.
        return new BrowserRedirect(Forms.IsLocalUrl(returnUrl) ? returnUrl : AccountEndpoints.HomePath, afterPost: true);
    }

    private static async Task<IResult> JsonLogin(
        HttpContext context, Login login, LoginSessions sessions, IValidator<LoginRequest> validator)
    {
        LoginRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<LoginRequest>(context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException or InvalidOperationException)
        {
            request = null;
        }

        if (request is null || !(await validator.ValidateAsync(request, context.RequestAborted)).IsValid)
        {
            return TypedResults.BadRequest(new { error = "invalid_request", error_description = "Send {\"username\": …, \"password\": …}." });
        }

        var result = await login.AttemptAsync(request.Username!, request.Password!, TransportSecurity.ClientAddress(context), context.RequestAborted);
        if (result.RetryAfter is { } wait)
        {
            SetRetryAfter(context, wait);
            return TypedResults.Json(new { error = "too_many_attempts", error_description = "Too many failed logins; retry later." }, statusCode: 429);
        }

        if (result.User is null)
        {
            return TypedResults.Json(new { error = "invalid_credentials" }, statusCode: 401);
        }

        await sessions.SignInAsync(context, result.User);
        return TypedResults.Ok(new { sub = result.User.Id });
    }

    /// <param name="username">What a failed attempt typed, shown again so that only the password is typed again.</param>
    private static ContentHttpResult Render(HttpContext context, string? returnUrl, string? message, int status = 200, string? username = null)
    {
        var (usernameFocus, passwordFocus) = string.IsNullOrEmpty(username) ? (" autofocus", "") : ("", " autofocus");
        var target = Forms.IsLocalUrl(returnUrl) ? returnUrl : null;
        return Page.Render("Sign in", $"""
            <h1>Sign in</h1>
            {PageParts.Error(message)}
            <form method="post" action="/oauth/login/">
              {Forms.AntiforgeryField(context)}
              <input type="hidden" name="returnUrl" value="{E(target)}">
              <label for="username">Username</label>
              <input type="text" id="username" name="username" value="{E(username)}" autocomplete="username" required maxlength="{Login.MaxUsernameLength}"{usernameFocus}>
              <label for="password">Password</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="{Login.MaxPasswordLength}"{passwordFocus}>
              <button type="submit">Sign in</button>
            </form>
            <p class="muted">No account? <a href="{E(WithReturnUrl("/oauth/register/", target))}">Sign up</a>.</p>
            """, status);
    }

    /// <summary>
    /// A link to the login or sign-up page that comes back to <paramref name="returnUrl"/> afterwards:
    /// someone who signs up in the middle of an authorization request comes back to it.
    /// </summary>
    public static string WithReturnUrl(string page, string? returnUrl) =>
        returnUrl is null ? page : QueryHelpers.AddQueryString(page, "returnUrl", returnUrl);

    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
