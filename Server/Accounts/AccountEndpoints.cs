using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Accounts;

/// <summary>"My account": change password, the authorized apps, sign out. Signed-in users only.</summary>
internal static class AccountEndpoints
{
    public const string HomePath = "/oauth/account/";

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/oauth/account").RequireSignedIn(HomePath).RequireCheckedForm();
        account.MapGet("/", Show);
        account.MapPost("/password", ChangePassword);
        account.MapGet("/apps/revoke", ConfirmRevoke);
        account.MapPost("/apps/revoke", RevokeApp);
        account.MapPost("/signout", SignOut);
    }

    private static async Task<ContentHttpResult> Show(HttpContext context, AuthorizedApps apps, string? notice) =>
        await RenderAsync(context, apps, notice, FormErrors.None, StatusCodes.Status200OK);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> ChangePassword(
        HttpContext context, IValidator<PasswordChangeRequest> validator, Login login, PasswordChange change,
        LoginSessions sessions, AuthorizedApps apps)
    {
        var form = context.Request.Form;
        var user = SignedIn.User(context);
        var request = new PasswordChangeRequest(user.Username, form["current_password"], form["new_password"], form["confirm_password"]);
        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (!validation.IsValid)
        {
            return await RenderAsync(context, apps, null, new FormErrors(validation.Errors), StatusCodes.Status400BadRequest);
        }

        // The current password is checked as a login is: throttled, so an unattended session cannot be used to guess it.
        var check = await login.AttemptAsync(user.Username, request.CurrentPassword!, LoginEndpoints.Address(context), context.RequestAborted);
        if (check.RetryAfter is { } wait)
        {
            LoginEndpoints.SetRetryAfter(context, wait);
            var throttled = FormErrors.One(nameof(request.CurrentPassword), "Too many failed attempts. Please wait and try again.");
            return await RenderAsync(context, apps, null, throttled, StatusCodes.Status429TooManyRequests);
        }

        if (check.User is null)
        {
            var wrong = FormErrors.One(nameof(request.CurrentPassword), "The current password is wrong.");
            return await RenderAsync(context, apps, null, wrong, StatusCodes.Status400BadRequest);
        }

        await change.ChangeAsync(user.Id, request.NewPassword!, context.RequestAborted);
        await sessions.SignInAsync(context, user);
        return new BrowserRedirect(HomePath + "?notice=password", afterPost: true);
    }

    // Revoking deletes the app's userdata for good: the account page links here, and only this page's form revokes.
    private static async Task<ContentHttpResult> ConfirmRevoke(
        HttpContext context, AuthorizedApps apps)
    {
        var user = SignedIn.User(context);
        string? clientId = context.Request.Query["client_id"];
        if (clientId is not { Length: > 0 and <= 200 } || await apps.FindAsync(user.Id, clientId, context.RequestAborted) is not { } found)
        {
            return PageParts.NotFound("No app with this client_id has access to your account.", HomePath);
        }

        return AccountPage.ConfirmRevoke(context, found.App, found.UserDataBytes);
    }

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> RevokeApp(HttpContext context, AuthorizedApps apps)
    {
        if (context.Request.Form["client_id"].ToString() is not { Length: > 0 and <= 200 } clientId)
        {
            return Forms.Refused();
        }

        await apps.RevokeAsync(SignedIn.User(context).Id, clientId, context.RequestAborted);
        return new BrowserRedirect(HomePath + "?notice=revoked", afterPost: true);
    }

    private static async Task<BrowserRedirect> SignOut(HttpContext context, LoginSessions sessions)
    {
        await sessions.SignOutAsync(context);
        return new BrowserRedirect("/oauth/logout/", afterPost: true);
    }

    private static async Task<ContentHttpResult> RenderAsync(
        HttpContext context, AuthorizedApps apps, string? notice, FormErrors passwordErrors, int status)
    {
        var user = SignedIn.User(context);
        var list = await apps.ListAsync(user.Id, context.RequestAborted);
        return AccountPage.Render(context, user, list, notice, passwordErrors, status);
    }
}
