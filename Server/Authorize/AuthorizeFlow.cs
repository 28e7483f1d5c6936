using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Authorize;

/// <summary>How the caller wants its answers: HTML pages and redirects, or JSON; and whether it posted a form.</summary>
internal sealed record AuthorizeMode(bool Json, bool AfterPost);

/// <summary>
/// The authorization endpoint's steps, the same for browsers and scripts: check client and redirect
/// URI, then the other parameters, then the session, then consent; then issue the code.
/// </summary>
internal sealed class AuthorizeFlow(
    AuthorizeRules rules, LoginSessions sessions, MiniOAuthDb db, TimeProvider clock, IOptions<OAuthOptions> options)
{
    public async Task<Results<ContentHttpResult, JsonHttpResult<AuthorizeJson>, BrowserRedirect, ProblemHttpResult>> RunAsync(
        HttpContext context, AuthorizeRequest request, string? decision, AuthorizeMode mode)
    {
        var ct = context.RequestAborted;
        var check = await rules.CheckAsync(request, ct);
        if (check is AuthorizeCheck.Fatal fatal)
        {
            return mode.Json
                ? TypedResults.Json(new AuthorizeJson { Error = fatal.Error, ErrorDescription = fatal.Description }, statusCode: 400)
                : Page.Error("Invalid authorization request", fatal.Description,
                    received: [("client_id", request.ClientId), ("redirect_uri", request.RedirectUri)]);
        }

        if (check is AuthorizeCheck.Redirect error)
        {
            return ErrorAnswer(request, error.Error, error.Description, mode);
        }

        var (client, scopes, prompt) = (AuthorizeCheck.Valid)check;
        var user = await sessions.GetUserAsync(context);
        var mustLogIn = user is null || (decision is null && prompt.Contains("login"));
        if (mustLogIn)
        {
            return prompt.Contains("none") ? ErrorAnswer(request, Errors.LoginRequired, "The user is not signed in.", mode)
                : mode.Json ? TypedResults.Json(new AuthorizeJson { Error = Errors.LoginRequired }, statusCode: 401)
                : new BrowserRedirect(LoginUrl(request), mode.AfterPost);
        }

        // The answer of the consent page. Denials are not remembered: the next request asks again.
        if (decision == "deny")
        {
            return ErrorAnswer(request, Errors.AccessDenied, "The user denied the request.", mode);
        }

        if (decision == "allow")
        {
            // One transaction: a consent is remembered only with the code it was given for.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await RememberConsentAsync(user!.Id, client.Id, scopes, ct);
            var answer = await AnswerWithCodeAsync(request, client, user, scopes, mode, ct);
            await transaction.CommitAsync(ct);
            return answer;
        }

        if (decision is not null)
        {
            return mode.Json
                ? TypedResults.Json(new AuthorizeJson { Error = Errors.InvalidRequest, ErrorDescription = "decision must be allow or deny." }, statusCode: 400)
                : Page.Error("Invalid consent", "The consent form must be answered with Allow or Deny.");
        }

        if (prompt.Contains("consent") || !await ConsentCoversAsync(user!.Id, client.Id, scopes, ct))
        {
            return prompt.Contains("none") ? ErrorAnswer(request, Errors.ConsentRequired, "The user has not consented.", mode)
                : mode.Json ? TypedResults.Json(new AuthorizeJson { Error = Errors.ConsentRequired, Scope = Scopes.Join(scopes) }, statusCode: 403)
                : ConsentPage.Render(context, request, client, user!, scopes);
        }

        return await AnswerWithCodeAsync(request, client, user!, scopes, mode, ct);
    }

    private async Task<Results<ContentHttpResult, JsonHttpResult<AuthorizeJson>, BrowserRedirect, ProblemHttpResult>> AnswerWithCodeAsync(
        AuthorizeRequest request, Client client, User user, string[] scopes, AuthorizeMode mode, CancellationToken ct)
    {
        var code = await IssueCodeAsync(db, client, user, scopes, request.RedirectUri!, request.CodeChallenge,
            clock.GetUtcNow().UtcDateTime, options.Value.AuthorizationCodeLifetime, ct);
        var redirectTo = RedirectUrl(request, ("code", code));
        return mode.Json
            ? TypedResults.Json(new AuthorizeJson { Code = code, State = request.State, Issuer = options.Value.Issuer, RedirectTo = redirectTo })
            : new BrowserRedirect(redirectTo, mode.AfterPost);
    }

    /// <summary>
    /// Stores a new authorization code and returns it: 256 random bits, kept only as SHA-256, short-lived,
    /// bound to the client, user, scope, redirect URI and PKCE challenge it was issued for (RFC 6749 §4.1.2,
    /// RFC 7636 §4.4). The token endpoint's <c>AuthorizationCodeGrant</c> redeems it.
    /// </summary>
    public static async Task<string> IssueCodeAsync(
        MiniOAuthDb db, Client client, User user, string[] scopes, string redirectUri, string? codeChallenge,
        DateTime now, TimeSpan lifetime, CancellationToken ct)
    {
        var code = Secrets.New();
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            Hash = Secrets.HashForLookup(code),
            ClientId = client.Id,
            UserId = user.Id,
            Scope = Scopes.Join(scopes),
            RedirectUri = redirectUri,
            CodeChallenge = codeChallenge,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(ct);
        return code;
    }

    /// <summary>RFC 6749 §4.1.2.1: an error sent back to the client, with its state and our issuer (RFC 9207).</summary>
    private Results<ContentHttpResult, JsonHttpResult<AuthorizeJson>, BrowserRedirect, ProblemHttpResult> ErrorAnswer(
        AuthorizeRequest request, string error, string description, AuthorizeMode mode)
    {
        var redirectTo = RedirectUrl(request, ("error", error), ("error_description", description));
        return mode.Json
            ? TypedResults.Json(new AuthorizeJson { Error = error, ErrorDescription = description, State = request.State, RedirectTo = redirectTo }, statusCode: 400)
            : new BrowserRedirect(redirectTo, mode.AfterPost);
    }

    private string RedirectUrl(AuthorizeRequest request, params (string Name, string Value)[] parameters)
    {
        var query = parameters.ToDictionary(p => p.Name, p => (string?)p.Value);
        if (request.State is not null)
        {
            query["state"] = request.State;
        }

        query["iss"] = options.Value.Issuer;
        return QueryHelpers.AddQueryString(request.RedirectUri!, query);
    }

    // After login the browser comes back to this request; a prompt=login is then satisfied.
    private static string LoginUrl(AuthorizeRequest request)
    {
        var prompt = Scopes.Join(Scopes.Parse(request.Prompt).Where(p => p != "login"));
        var back = "/oauth/authorize/" + QueryString.Create((request with { Prompt = prompt }).Sent()).ToUriComponent();
        return QueryHelpers.AddQueryString("/oauth/login/", "returnUrl", back);
    }

    // Remembered consent, per user and client: a request for no new scope skips the page.
    private async Task<bool> ConsentCoversAsync(string userId, string clientId, string[] scopes, CancellationToken ct)
    {
        var granted = await db.Consents.AsNoTracking()
            .Where(c => c.UserId == userId && c.ClientId == clientId)
            .Select(c => c.Scopes)
            .FirstOrDefaultAsync(ct);
        return granted is not null && scopes.All(granted.Contains);
    }

    /// <summary>Adds the scopes to what the user has granted the client.</summary>
    private async Task RememberConsentAsync(string userId, string clientId, string[] scopes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.UserId == userId && c.ClientId == clientId, ct);
        if (consent is null)
        {
            db.Consents.Add(new Consent { UserId = userId, ClientId = clientId, Scopes = [.. scopes], GrantedAt = now });
        }
        else
        {
            consent.Scopes = [.. consent.Scopes.Union(scopes)];
            consent.GrantedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseUnavailable.IsUnreachable(e))
        {
            // Two tabs consented at once: the other one stored the consent; ask again next time if it differs.
            db.ChangeTracker.Clear();
        }
    }
}
