using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Protocol;
using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Login;

/// <summary>The RFC 6749 §4.1.1 authorization request, with PKCE (RFC 7636 §4.3).</summary>
internal static class AuthorizeRequest
{
    public static IReadOnlyList<KeyValuePair<string, string?>> Parameters(ClientOptions options, PendingAuthorization attempt) =>
    [
        new("response_type", "code"),
        new("client_id", options.ClientId),
        new("redirect_uri", options.RedirectUri),
        new("scope", options.Scopes),
        new("state", attempt.State),
        new("code_challenge", Pkce.Challenge(attempt.CodeVerifier)),
        new("code_challenge_method", Pkce.Method),
    ];

    public static string Url(AuthorizationServerMetadata server, ClientOptions options, PendingAuthorization attempt) =>
        QueryHelpers.AddQueryString(server.AuthorizationEndpoint, Parameters(options, attempt));

    public static void Record(StepLog steps, AuthorizationServerMetadata server, ClientOptions options, PendingAuthorization attempt)
    {
        steps.Add(
            "Found the server's endpoints",
            server.Source == "configuration"
                ? "The endpoints come from this app's configuration."
                : "RFC 8414 discovery: the server describes itself in a JSON document at a well-known URL.",
            new StepDetail("Source", server.Source),
            new StepDetail("Issuer", server.Issuer),
            new StepDetail("Authorization endpoint", server.AuthorizationEndpoint),
            new StepDetail("Token endpoint", server.TokenEndpoint),
            new StepDetail("Sends iss in responses (RFC 9207)", server.IssParameterSupported ? "yes" : "no"));

        var parameters = Parameters(options, attempt);
        var masked = AuthorizeUrlWithMaskedState(server, options, attempt);
        steps.Add(
            "Sent the browser to the authorization endpoint",
            "GET /login made a fresh state and PKCE verifier, kept them in this app's memory, and redirected the "
                + "browser to the server. Only the SHA-256 hash of the verifier (the challenge) travels through the browser.",
            new StepDetail("Authorize URL", masked),
            new StepDetail("Parameters", Mask.FormFields(parameters, "state")),
            new StepDetail("PKCE code_verifier (kept here)", Mask.Secret(attempt.CodeVerifier)));
    }

    private static string AuthorizeUrlWithMaskedState(AuthorizationServerMetadata server, ClientOptions options, PendingAuthorization attempt) =>
        Url(server, options, attempt).Replace(attempt.State, Mask.Secret(attempt.State), StringComparison.Ordinal);
}
