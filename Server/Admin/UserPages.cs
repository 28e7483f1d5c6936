using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Admin;

internal static class UserPages
{
    private static readonly Dictionary<string, string> Notices = new()
    {
        ["roles"] = "Roles saved.",
        ["disabled"] = "User disabled: their sessions and tokens have ended, and they cannot log in.",
        ["enabled"] = "User enabled: they can log in again.",
    };

    public static ContentHttpResult List(
        HttpContext context, User me, IReadOnlyList<User> users, string? notice, string? error, int status = StatusCodes.Status200OK)
    {
        var antiforgery = Forms.AntiforgeryField(context);
        var rows = string.Concat(users.Select(user => Row(user, isMe: user.Id == me.Id, antiforgery)));
        return Page.Render("Users", $"""
            {AdminEndpoints.Nav}
            <h1>Users</h1>
            {PageParts.Notice(Notices, notice)}
            {PageParts.Error(error)}
            <p class="muted">Roles are separated by spaces. <code>{UserRoles.Admin}</code> opens this console.</p>
            <table>
              <thead><tr><th>User</th><th>Roles</th><th>Status</th></tr></thead>
              <tbody>{rows}</tbody>
            </table>
            """, status);
    }

    private static string Row(User user, bool isMe, string antiforgery)
    {
        var path = UserAdminEndpoints.UserPath(user.Id);
        var (status, action, label) = user.IsDisabled ? ("Disabled", "enable", "Enable") : ("Active", "disable", "Disable");
        var toggle = isMe ? """<span class="muted">(you)</span>""" : $"""
            <form method="post" action="{E(path)}/{action}/" class="inline">
              {antiforgery}
              <button type="submit" class="secondary">{label}</button>
            </form>
            """;
        return $"""
            <tr>
              <td><strong>{E(user.Username)}</strong><br><span class="muted">{E(user.Name)} · {E(user.Email)}</span></td>
              <td>
                <form method="post" action="{E(path)}/roles/" class="inline">
                  {antiforgery}
                  <input type="text" name="roles" value="{E(string.Join(' ', user.Roles))}" aria-label="Roles of {E(user.Username)}" maxlength="600">
                  <button type="submit" class="secondary">Save</button>
                </form>
              </td>
              <td>{status} {toggle}</td>
            </tr>
            """;
    }
}
