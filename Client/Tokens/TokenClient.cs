using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Protocol;
using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Tokens;

/// <summary>Requests to the token endpoint, authenticated with <c>client_secret_basic</c>.</summary>
internal sealed class TokenClient(AuthorizationServerHttp http, IOptions<ClientOptions> options, TimeProvider time)
{
    /// <summary>RFC 6749 §4.1.3, with the PKCE verifier of RFC 7636 §4.5.</summary>
    public Task<TokenOutcome> RedeemCodeAsync(
        AuthorizationServerMetadata server, string code, string codeVerifier, StepLog steps, CancellationToken cancellationToken) =>
        RequestAsync(
            server,
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", options.Value.RedirectUri),
                new("code_verifier", codeVerifier),
            ],
            steps,
            "Exchanged the code for tokens",
            "A back-channel POST from this app to the server: the browser never sees the tokens. The client "
                + "authenticates with HTTP Basic and proves, with the PKCE verifier, that it started this login.",
            cancellationToken);

    /// <summary>RFC 6749 §6.</summary>
    public Task<TokenOutcome> RefreshAsync(
        AuthorizationServerMetadata server, string refreshToken, StepLog steps, CancellationToken cancellationToken) =>
        RequestAsync(
            server,
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)],
            steps,
            "Refreshed the access token",
            "The access token was about to expire, so this app traded the refresh token for new tokens. The server "
                + "rotates the refresh token: the old one is now spent, and only the new one is kept.",
            cancellationToken);

    private async Task<TokenOutcome> RequestAsync(
        AuthorizationServerMetadata server,
        KeyValuePair<string, string?>[] fields,
        StepLog steps,
        string title,
        string explanation,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, server.TokenEndpoint) { Content = new FormUrlEncodedContent(fields!) };
        request.Headers.Authorization = ClientSecretBasic.Header(settings.ClientId, settings.ClientSecret);
        request.Headers.Accept.ParseAdd("application/json");

        var response = await http.SendAsync(request, cancellationToken);

        steps.Add(
            title,
            explanation,
            new StepDetail("Request", $"POST {server.TokenEndpoint}"),
            new StepDetail("Authorization", $"Basic {Mask.Secret(request.Headers.Authorization.Parameter)} (client id and secret)"),
            new StepDetail("Body", Mask.FormFields(fields, "code", "code_verifier", "refresh_token")),
            new StepDetail("Status", response.Status.ToString()),
            new StepDetail("Response", Mask.JsonMembers(response.Body, "access_token", "refresh_token", "id_token")));
        return TokenResponse.Read(response, time.GetUtcNow());
    }
}
