using System.Net;
using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Data;

/// <summary>
/// PostgreSQL text cannot hold NUL, SQLite's can: on either database a NUL in an identifier that anyone
/// may type is an unknown value, never a 500 (the suite runs on both in CI).
/// </summary>
public sealed class NulInputTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ANulInAUsernameIsAFailedLogin()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/oauth/login/", new { username = "ali\0ce", password = "alicepass" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_credentials");
    }

    [Fact]
    public async Task ANulInAClientIdIsAnUnknownClient()
    {
        var authorize = await OAuthFlow.GetJsonAsync(_app.CreateBrowser(), OAuthFlow.AuthorizePath(clientId: Demo.ClientId + "\0"));

        var token = await OAuthFlow.PostTokenAsync(_app.CreateClient(),
            new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, clientId: Demo.ClientId + "\0");

        authorize.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(authorize)).Should().Be("invalid_client");
        token.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(token)).Should().Be("invalid_client");
    }
}
