using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Admin;

/// <summary>The admin pages for users: list them, change their roles, disable or enable them.</summary>
internal static class UserAdminEndpoints
{
    public const string ListPath = "/oauth/admin/users/";

    public static string UserPath(string userId) => "/oauth/admin/users/" + Uri.EscapeDataString(userId);

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

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Enable(HttpContext context, UserAdministration users, string id)
    {
        return await users.EnableAsync(id, context.RequestAborted)
            ? new BrowserRedirect(ListPath + "?notice=enabled", afterPost: true)
            : PageParts.NotFound("No such user.", ListPath);
    }

    private static async Task<ContentHttpResult> RenderAsync(
        HttpContext context, UserAdministration users, string? notice, string? error, int status) =>
        UserPages.List(context, SignedIn.User(context), await users.ListAsync(context.RequestAborted), notice, error, status);
}
