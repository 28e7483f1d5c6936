using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Accounts;

internal static class LogoutEndpoints
{
    /// <summary>
    /// Browser logout: ends the login session, then returns to the client when the address has the
    /// origin of one of that client's registered redirect URIs, else shows a signed-out page.
    /// </summary>
    public static async Task<Results<BrowserRedirect, ContentHttpResult>> BrowserLogout(
        HttpContext context, LoginSessions sessions, MiniOAuthDb db,
        string? client_id, string? post_logout_redirect_uri)
    {
        await sessions.SignOutAsync(context);
        // A target that could not be written as a Location (a control character, too long) is not followed.
        if (client_id is { Length: <= 200 } && post_logout_redirect_uri is { Length: <= 2048 }
            && BrowserRedirect.Encode(post_logout_redirect_uri) is not null
            && Uri.TryCreate(post_logout_redirect_uri, UriKind.Absolute, out var target))
        {
            var redirectUris = await db.Clients.AsNoTracking()
                .Where(c => c.Id == client_id).Select(c => c.RedirectUris).FirstOrDefaultAsync(context.RequestAborted);
            var allowed = redirectUris?.Any(uri => Uri.TryCreate(uri, UriKind.Absolute, out var registered)
                && Uri.Compare(registered, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0);
            if (allowed == true)
            {
                return new BrowserRedirect(post_logout_redirect_uri, afterPost: false);
            }
        }

        return Page.Render("Signed out", """
            <h1>Signed out</h1>
            <p>You are signed out of MiniOAuth.</p>
            <p><a href="/oauth/login/">Sign in again</a></p>
            """);
    }

    /// <summary>
    /// Bearer logout: revokes the access token and its grant's refresh-token family, and ends the login
    /// session whose cookie comes with the request. A revoked token cannot log out twice.
    /// </summary>
    public static async Task<Results<NoContent, UnauthorizedHttpResult>> BearerLogout(
        HttpContext context, BearerAuthenticator bearer, Revocations revocations, LoginSessions sessions, MiniOAuthDb db)
    {
        var auth = await bearer.AuthenticateAsync(context);
        if (!auth.Succeeded)
        {
            BearerAuthenticator.Challenge(context.Response, auth.Error!);
            return TypedResults.Unauthorized();
        }

        // One transaction: a database lost half-way must not leave the token revoked and its grant alive,
        // since a revoked token cannot log out again.
        var token = auth.Token!;
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        await revocations.RevokeAccessTokenAsync(token, context.RequestAborted);
        if (token.GrantId is not null)
        {
            await revocations.RevokeGrantAsync(token.GrantId, context.RequestAborted);
        }

        await sessions.SignOutAsync(context);
        await transaction.CommitAsync(context.RequestAborted);
        return TypedResults.NoContent();
    }
}
