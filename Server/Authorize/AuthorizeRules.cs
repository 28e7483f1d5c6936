using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Authorize;

/// <summary>What the checks of an authorization request concluded.</summary>
public abstract record AuthorizeCheck
{
    /// <summary>Unknown client or unregistered redirect URI: never redirect (RFC 6749 §4.1.2.1).</summary>
    public sealed record Fatal(string Error, string Description) : AuthorizeCheck;

    /// <summary>Any other error, sent back to the registered redirect URI.</summary>
    public sealed record Redirect(Client Client, string Error, string Description) : AuthorizeCheck;

    /// <summary>A well-formed request: the client, the scopes asked for, and the prompt values.</summary>
    public sealed record Valid(Client Client, string[] Scopes, string[] Prompt) : AuthorizeCheck;
}

/// <summary>The checks of RFC 6749 §4.1.1 and §4.1.2.1, RFC 7636 §4.4.1 and RFC 9700 §2.1.1, in order.</summary>
internal sealed class AuthorizeRules(MiniOAuthDb db, IValidator<AuthorizeRequest> validator)
{
    private static readonly string[] PromptValues = ["none", "login", "consent"];

    public async Task<AuthorizeCheck> CheckAsync(AuthorizeRequest request, CancellationToken ct)
    {
        // RFC 6749 §4.1.2.1: with the client or the redirect URI in doubt, nothing is redirected.
        if (request.Repeated is "client_id" or "redirect_uri")
        {
            return new AuthorizeCheck.Fatal(Errors.InvalidRequest, $"{request.Repeated} is sent more than once (RFC 6749 §3.1).");
        }

        var client = request.ClientId is { Length: <= 200 } clientId
            ? await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct)
            : null;
        if (client is null)
        {
            return new AuthorizeCheck.Fatal(Errors.InvalidClient, "Unknown client_id.");
        }

        // RFC 9700 §4.1.3: redirect URIs are compared by exact string.
        if (request.RedirectUri is null || !client.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return new AuthorizeCheck.Fatal(Errors.InvalidRequest, "redirect_uri is missing or not registered for this client.");
        }

        // A parameter that failed its own check is never sent back: state is the one echoed to the
        // client, so a refused state ends here (5,000 characters echoed made a header nginx refused).
        var errors = (await validator.ValidateAsync(request, ct)).Errors;
        if (errors.FirstOrDefault(e => e.PropertyName == nameof(AuthorizeRequest.State)) is { } badState)
        {
            return new AuthorizeCheck.Fatal(Errors.InvalidRequest, badState.ErrorMessage);
        }

        // From here on, errors go back to the client's redirect URI.
        AuthorizeCheck Error(string error, string description) => new AuthorizeCheck.Redirect(client, error, description);

        if (errors.FirstOrDefault() is { } malformed)
        {
            return Error(Errors.InvalidRequest, malformed.ErrorMessage);
        }

        if (request.ResponseType is null)
        {
            return Error(Errors.InvalidRequest, "response_type is required.");
        }

        if (request.ResponseType != "code")
        {
            return Error(Errors.UnsupportedResponseType, "Only response_type=code is supported.");
        }

        if (!client.AllowedGrants.Contains(GrantTypes.AuthorizationCode))
        {
            return Error(Errors.UnauthorizedClient, "This client may not use the authorization code grant.");
        }

        var scopes = Scopes.Parse(request.Scope) is { Length: > 0 } asked ? asked : [Scopes.Default];
        if (scopes.FirstOrDefault(s => !Scopes.All.Contains(s) || !client.AllowedScopes.Contains(s)) is { } refused)
        {
            return Error(Errors.InvalidScope, $"Scope '{refused}' is unknown or not allowed for this client.");
        }

        if (PkceError(client, request) is { } pkceError)
        {
            return Error(Errors.InvalidRequest, pkceError);
        }

        var prompt = Scopes.Parse(request.Prompt);
        if (prompt.Any(p => !PromptValues.Contains(p)) || (prompt.Contains("none") && prompt.Length > 1))
        {
            return Error(Errors.InvalidRequest, "prompt must be none, or login and/or consent.");
        }

        return new AuthorizeCheck.Valid(client, scopes, prompt);
    }

    private static string? PkceError(Client client, AuthorizeRequest request) =>
        (request.CodeChallenge, request.CodeChallengeMethod) switch
        {
            (null, null) when !client.IsConfidential || client.RequirePkce =>
                "code_challenge is required for this client (RFC 9700 §2.1.1).",
            (null, null) => null,
            (not null, null) => "code_challenge_method is required; only S256 is supported.",
            (null, not null) => "code_challenge_method was sent without code_challenge.",
            (_, not Pkce.S256) => "Only code_challenge_method=S256 is supported (RFC 9700 §2.1.1).",
            (var challenge, _) when !Pkce.IsValidChallenge(challenge) => "code_challenge must be 43 base64url characters (RFC 7636 §4.2).",
            _ => null,
        };
}
