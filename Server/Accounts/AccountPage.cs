using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

internal static class AccountPage
{
    private static readonly Dictionary<string, string> Notices = new()
    {
        ["password"] = "Password changed. Your other sessions and every app's tokens have ended; apps will ask you to sign in again.",
        ["revoked"] = "Access revoked. The app's tokens have ended, the data it stored for you is deleted, and it will ask for your consent again.",
    };

    public static ContentHttpResult Render(
        HttpContext context, User user, IReadOnlyList<AuthorizedApp> apps, string? notice, FormErrors passwordErrors,
        int status = StatusCodes.Status200OK)
    {
        var antiforgery = Forms.AntiforgeryField(context);
        var admin = user.Roles.Contains(UserRoles.Admin) ? """<p><a href="/oauth/admin/">Admin console</a></p>""" : "";
        return Page.Render("My account", $"""
            <h1>My account</h1>
            {PageParts.Notice(Notices, notice)}
            <p>Signed in as <strong>{E(user.Username)}</strong> ({E(user.Email)}). Roles: {E(string.Join(", ", user.Roles))}.</p>
            {admin}
            <h2>Authorized apps</h2>
            {AppList(apps)}
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

    /// <summary>The page that asks before revoking: it says everything that ends, the app's userdata included.</summary>
    public static ContentHttpResult ConfirmRevoke(HttpContext context, AuthorizedApp app, int userDataBytes)
    {
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

    private static string RevokePath(string clientId) => QueryHelpers.AddQueryString("/oauth/account/apps/revoke/", "client_id", clientId);

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
              <td><a class="button" href="{E(RevokePath(app.ClientId))}">Revoke…</a></td>
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
