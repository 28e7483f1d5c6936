using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Clients;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Admin;

/// <summary>
/// The admin console under <c>/oauth/admin/</c>, for users with the role <c>admin</c>: a signed-out
/// visitor is sent to log in, anyone else gets 403, before any handler runs.
/// </summary>
internal static class AdminEndpoints
{
    public const string Nav = """
        <nav class="admin"><a href="/oauth/admin/clients/">Clients</a> · <a href="/oauth/admin/users/">Users</a> · <a href="/oauth/account/">My account</a></nav>
        """;

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/oauth/admin").RequireSignedIn(ClientAdminEndpoints.ListPath, UserRoles.Admin).RequireCheckedForm();
        admin.MapGet("/", () => new BrowserRedirect(ClientAdminEndpoints.ListPath, afterPost: false));
        admin.MapClientAdmin();
        admin.MapUserAdmin();
    }
}
