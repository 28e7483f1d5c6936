using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

internal static class AccountPage
{
    private static readonly Dictionary<string, string> Notices = new()
    {
        ["password"] = "Password changed. Your other sessions and every app's tokens have ended; apps will ask you to sign in again.",
        ["revoked"] = "Access revoked. The app's tokens have ended, and it will ask for your consent again.",
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
            {AppList(apps, antiforgery)}
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

    private static string AppList(IReadOnlyList<AuthorizedApp> apps, string antiforgery)
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
              <td>
                <form method="post" action="/oauth/account/apps/revoke/" class="inline">
                  {antiforgery}
                  <input type="hidden" name="client_id" value="{E(app.ClientId)}">
                  <button type="submit" class="secondary">Revoke</button>
                </form>
              </td>
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
