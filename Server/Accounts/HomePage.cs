using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// <c>GET /</c>: what someone who opens the server's address finds. Applications find their way by the
/// metadata (RFC 8414); people, here: what this server is, their own pages, and the documents.
/// </summary>
internal static class HomePage
{
    public static void MapHome(this IEndpointRouteBuilder app) => app.MapGet("/", Show);

    private static async Task<ContentHttpResult> Show(HttpContext context, LoginSessions sessions, IHostEnvironment env)
    {
        // The page names the signed-in user: no cache may keep it for the next one.
        context.Response.Headers.CacheControl = "no-store";
        var user = await sessions.GetUserAsync(context);
        return Page.Render("Home", $"""
            <h1>MiniOAuth</h1>
            <p>An OAuth 2.0 authorization server. Applications send you here to sign in and to ask for your
            consent; they then reach your profile and your per-app userdata with the tokens this server
            issues, never with your password.</p>
            {Account(user)}
            <h2>For developers</h2>
            <ul>
              <li><a href="/.well-known/oauth-authorization-server">Authorization server metadata</a> (RFC 8414): every endpoint, grant and scope</li>
              <li><a href="/oauth/jwks/">Signing keys</a> (JWKS, RFC 7517): to check the JWT access tokens (RFC 9068)</li>
              {(env.IsDevelopment() ? $"""<li>The demo client app: <a href="{E(DemoData.ClientAppUrl)}">{E(DemoData.ClientAppUrl)}</a>, to try the whole flow</li>""" : "")}
            </ul>
            """);
    }

    private static string Account(User? user) => user is null
        ? """
          <p><a href="/oauth/login/?returnUrl=%2F">Sign in</a> · <a href="/oauth/register/">Sign up</a> · <a href="/oauth/account/">My account</a> (after signing in)</p>
          """
        : $"""
          <p>Signed in as <strong>{E(user.Username)}</strong>.</p>
          <p><a href="/oauth/account/">My account</a>: your password and the apps you allowed{(user.Roles.Contains(UserRoles.Admin) ? """ · <a href="/oauth/admin/">Admin console</a>: clients and users""" : "")}</p>
          """;
}
