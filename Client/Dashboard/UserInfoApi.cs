using System.Net.Http.Headers;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Http;
using MiniOAuth.Client.Steps;

namespace MiniOAuth.Client.Dashboard;

/// <summary>What userinfo answered: the status, and the profile when it gave one.</summary>
internal sealed record UserInfoAnswer(int Status, Profile? Profile);

/// <summary>The userinfo endpoint, called with the access token as a Bearer token (RFC 6750 §2.1).</summary>
internal sealed class UserInfoApi(AuthorizationServerHttp http)
{
    public async Task<UserInfoAnswer> GetAsync(
        AuthorizationServerMetadata server, string accessToken, StepLog steps, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json");

        var response = await http.SendAsync(request, cancellationToken);

        steps.Add(
            "Asked userinfo who signed in",
            "The access token goes in the Authorization header. Which members come back depends on the scopes granted.",
            new StepDetail("Request", $"GET {server.UserInfoEndpoint}"),
            new StepDetail("Authorization", $"Bearer {Mask.Secret(accessToken)}"),
            new StepDetail("Status", response.Status.ToString()),
            new StepDetail("Response", JsonText.IndentedOrRaw(response.Body)));
        var profile = response.Status == StatusCodes.Status200OK ? Profile.FromJson(response.Body) : null;
        return new UserInfoAnswer(response.Status, profile);
    }
}
