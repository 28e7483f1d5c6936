using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>"My account": change password, the authorized apps, sign out. Signed-in users only.</summary>
internal static class AccountEndpoints
{
    public const string HomePath = "/oauth/account/";

    private static readonly Dictionary<string, string> Notices = new()
    {
        ["password"] = "Password changed. Your other sessions and every app's tokens have ended; apps will ask you to sign in again.",
        ["revoked"] = "Access revoked. The app's tokens have ended, the data it stored for you is deleted, and it will ask for your consent again.",
    };

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
        HttpContext context, IValidator<PasswordChangeRequest> validator, Login login, UserAccess access,
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
        var check = await login.AttemptAsync(user.Username, request.CurrentPassword!, TransportSecurity.ClientAddress(context), context.RequestAborted);
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

        await access.ChangePasswordAsync(user.Id, request.NewPassword!, context.RequestAborted);
        await sessions.SignInAsync(context, user);
        return new BrowserRedirect(HomePath + "?notice=password", afterPost: true);
    }

    // Revoking deletes the app's userdata for good: the account page links here, and only this page's form revokes.
    private static async Task<ContentHttpResult> ConfirmRevoke(HttpContext context, AuthorizedApps apps)
    {
        var user = SignedIn.User(context);
        string? clientId = context.Request.Query["client_id"];
        if (clientId is not { Length: > 0 and <= 200 } || await apps.FindAsync(user.Id, clientId, context.RequestAborted) is not ({ } app, var userDataBytes))
        {
            return PageParts.NotFound("No app with this client_id has access to your account.", HomePath);
        }

        var data = userDataBytes > 0
            ? $"the userdata it stored for you ({userDataBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes of JSON): deleted for good, it cannot be restored."
            : "the userdata it stored for you: it has none now, so nothing is lost.";
        return Page.Render("Revoke access", $"""
            <h1>Revoke the access of {E(app.Name)}?</h1>
            <p>{E(app.Name)} (client_id <code>{E(app.ClientId)}</code>) may use your account with the scopes
            <code>{E(string.Join(" ", app.Scopes))}</code> since {app.GrantedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Revoking ends, at once:</p>
            <ul>
              <li>its access and refresh tokens for your account: it can no longer read your profile or act for you;</li>
              <li>your consent: it must ask you again before it can sign you in;</li>
              <li>{E(data)}</li>
            </ul>
            <form method="post" action="/oauth/account/apps/revoke/">
              {Forms.AntiforgeryField(context)}
              <input type="hidden" name="client_id" value="{E(app.ClientId)}">
              <button type="submit" class="danger">Revoke access and delete its data</button>
              <a class="button" href="/oauth/account/">Cancel</a>
            </form>
            """);
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
        var antiforgery = Forms.AntiforgeryField(context);
        var admin = user.Roles.Contains(UserRoles.Admin) ? """<p><a href="/oauth/admin/">Admin console</a></p>""" : "";
        return Page.Render("My account", $"""
            <h1>My account</h1>
            {PageParts.Notice(Notices, notice)}
            <p>Signed in as <strong>{E(user.Username)}</strong> ({E(user.Email)}). Roles: {E(string.Join(", ", user.Roles))}.</p>
            {admin}
            <h2>Authorized apps</h2>
            {AppList(list)}
            <h2>Change password</h2>
            <form method="post" action="/oauth/account/password/">
              {antiforgery}
              <label for="current_password">Current password</label>
              <input type="password" id="current_password" name="current_password" autocomplete="current-password" required maxlength="{Login.MaxPasswordLength}">
              {passwordErrors.For(nameof(PasswordChangeRequest.CurrentPassword))}
              <label for="new_password">New password</label>
              <input type="password" id="new_password" name="new_password" autocomplete="new-password" required minlength="{PasswordRules.MinimumLength}" maxlength="{PasswordRules.MaximumBytes}">
              {passwordErrors.For(nameof(PasswordChangeRequest.NewPassword))}
              <label for="confirm_password">New password again</label>
              <input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password" required maxlength="{PasswordRules.MaximumBytes}">
              {passwordErrors.For(nameof(PasswordChangeRequest.ConfirmPassword))}
              <p class="muted">This signs you out everywhere else and ends every app's tokens.</p>
              <button type="submit">Change password</button>
            </form>
            <h2>Sign out</h2>
            <form method="post" action="/oauth/account/signout/">
              {antiforgery}
              <button type="submit" class="secondary">Sign out</button>
            </form>
            """, status);
    }

    private static string AppList(IReadOnlyList<AuthorizedApp> apps)
    {
        if (apps.Count == 0)
        {
            return """<p class="muted">No app has access to your account.</p>""";
        }

        var rows = string.Concat(apps.Select(app => $"""
            <tr>
              <td>{E(app.Name)}</td>
              <td>{E(string.Join(" ", app.Scopes))}</td>
              <td><time datetime="{app.GrantedAt:yyyy-MM-ddTHH:mm:ssZ}">{app.GrantedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</time></td>
              <td><a class="button" href="{E(QueryHelpers.AddQueryString("/oauth/account/apps/revoke/", "client_id", app.ClientId))}">Revoke…</a></td>
            </tr>
            """));
        return $"""
            <table>
              <thead><tr><th>App</th><th>Scopes</th><th>Since</th><th></th></tr></thead>
              <tbody>{rows}</tbody>
            </table>
            """;
    }
}
