using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.UserData;

/// <summary>
/// Whose data a request reaches. An API key reaches, for its client, the users who have consented to
/// that client; a Bearer token with scope <c>userdata</c> reaches its own user, for the client it was
/// issued to. Either way one client never reaches another client's data.
/// </summary>
internal sealed class UserDataAccess(MiniOAuthDb db, BearerAuthenticator bearer)
{
    public const string ApiKeyHeader = "X-API-Key";

    public async Task<(UserDataOwner? Owner, ProblemHttpResult? Denied)> AuthorizeAsync(HttpContext context, string userId)
    {
        var headers = context.Request.Headers;
        var hasApiKey = headers.ContainsKey(ApiKeyHeader);
        if (hasApiKey && headers.ContainsKey(HeaderNames.Authorization))
        {
            return (null, UserDataProblems.TwoCredentials());
        }

        return hasApiKey ? await ByApiKeyAsync(context, headers[ApiKeyHeader], userId) : await ByBearerAsync(context, userId);
    }

    private async Task<(UserDataOwner?, ProblemHttpResult?)> ByApiKeyAsync(HttpContext context, StringValues key, string userId)
    {
        var ct = context.RequestAborted;
        var hash = key is [{ Length: > 0 and <= 256 } value] ? Secrets.Sha256(value) : null;
        var client = hash is null ? null : await db.Clients.AsNoTracking()
            .Where(c => c.ApiKeyHash == hash).Select(c => new { c.Id, c.ApiKeyHash }).FirstOrDefaultAsync(ct);

        // The index finds the row by hash; the final comparison is still made in constant time.
        if (client is null || !Secrets.Matches(key[0]!, client.ApiKeyHash))
        {
            BearerAuthenticator.Challenge(context.Response, BearerAuthenticator.Missing);
            return (null, UserDataProblems.WrongApiKey());
        }

        // CONTRACT: a key reaches a user while that user's consent to its client exists (and the user is enabled).
        return await db.Consents.AnyAsync(c => c.ClientId == client.Id && c.UserId == userId
                && db.Users.Any(u => u.Id == userId && !u.IsDisabled), ct)
            ? (new UserDataOwner(client.Id, userId), null)
            : (null, UserDataProblems.UnknownUser());
    }

    private async Task<(UserDataOwner?, ProblemHttpResult?)> ByBearerAsync(HttpContext context, string userId)
    {
        var auth = await bearer.AuthenticateAsync(context);
        if (!auth.Succeeded)
        {
            BearerAuthenticator.Challenge(context.Response, auth.Error!);
            return (null, auth.Error == BearerAuthenticator.Missing ? UserDataProblems.NoCredentials() : UserDataProblems.InvalidToken());
        }

        // RFC 6750 §3.1 insufficient_scope; CONTRACT: a client-credentials token, which has no user, gets the same.
        if (auth.User is not { } user || !Scopes.Contains(auth.Token!.Scope, Scopes.UserData))
        {
            BearerAuthenticator.Challenge(context.Response, Errors.InsufficientScope, Scopes.UserData);
            return (null, UserDataProblems.InsufficientScope());
        }

        return user.Id == userId
            ? (new UserDataOwner(auth.Token.ClientId, user.Id), null)
            : (null, UserDataProblems.OtherUser());
    }
}
