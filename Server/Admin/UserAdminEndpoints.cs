using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Admin;

/// <summary>The admin pages for users: list them, change their roles, disable or enable them.</summary>
internal static class UserAdminEndpoints
{
    public const string ListPath = "/oauth/admin/users/";

    private static readonly Dictionary<string, string> Notices = new()
    {
        ["roles"] = "Roles saved.",
        ["disabled"] = "User disabled: their sessions and tokens have ended, and they cannot log in.",
        ["enabled"] = "User enabled: they can log in again.",
    };

    public static void MapUserAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/users", List);
        admin.MapPost("/users/{id:maxlength(64)}/roles", SetRoles);
        admin.MapPost("/users/{id:maxlength(64)}/disable", Disable);
        admin.MapPost("/users/{id:maxlength(64)}/enable", Enable);
    }

    private static Task<ContentHttpResult> List(HttpContext context, UserAdministration users, string? notice) =>
        RenderAsync(context, users, notice, error: null, StatusCodes.Status200OK);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> SetRoles(
        HttpContext context, UserAdministration users, IValidator<RoleChange> validator, string id)
    {
        var change = RoleChange.Parse(context.Request.Form["roles"]);
        if ((await validator.ValidateAsync(change, context.RequestAborted)).Errors.FirstOrDefault() is { } invalid)
        {
            return await RenderAsync(context, users, null, invalid.ErrorMessage, StatusCodes.Status400BadRequest);
        }

        // No administrator locks themselves out of the console; another one (or the CLI) can do it.
        if (id == SignedIn.User(context).Id && !change.Roles.Contains(UserRoles.Admin))
        {
            return await RenderAsync(context, users, null, "You cannot remove your own admin role.", StatusCodes.Status400BadRequest);
        }

        return await users.SetRolesAsync(id, change, context.RequestAborted)
            ? new BrowserRedirect(ListPath + "?notice=roles", afterPost: true)
            : PageParts.NotFound("No such user.", ListPath);
    }

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Disable(HttpContext context, UserAdministration users, string id)
    {
        if (id == SignedIn.User(context).Id)
        {
            return await RenderAsync(context, users, null, "You cannot disable your own account.", StatusCodes.Status400BadRequest);
        }

        return await users.DisableAsync(id, context.RequestAborted)
            ? new BrowserRedirect(ListPath + "?notice=disabled", afterPost: true)
            : PageParts.NotFound("No such user.", ListPath);
    }

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Enable(HttpContext context, UserAdministration users, string id) =>
        await users.EnableAsync(id, context.RequestAborted)
            ? new BrowserRedirect(ListPath + "?notice=enabled", afterPost: true)
            : PageParts.NotFound("No such user.", ListPath);

    private static async Task<ContentHttpResult> RenderAsync(
        HttpContext context, UserAdministration users, string? notice, string? error, int status)
    {
        var me = SignedIn.User(context);
        var list = await users.ListAsync(context.RequestAborted);
        var antiforgery = Forms.AntiforgeryField(context);
        var rows = string.Concat(list.Select(user => Row(user, isMe: user.Id == me.Id, antiforgery)));
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
        var path = ListPath + Uri.EscapeDataString(user.Id);
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
