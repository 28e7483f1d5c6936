using System.Net;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>GET /oauth/roles/: Bearer with the roles scope (RFC 6750 errors).</summary>
public sealed class RolesTests : IDisposable
{
    private readonly MiniOAuthApplication _app = NewApp();
    private readonly HttpClient _http;

    public RolesTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("alice", "user", "/oauth/roles/")]
    [InlineData("admin", "admin", "/oauth/roles")]
    public async Task ATokenWithTheRolesScopeReadsTheUsersRoles(string username, string role, string path)
    {
        var tokens = await OAuthFlow.SignInAsync(_app, username, scope: "roles");

        var response = await GetWithBearerAsync(_http, path, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(role);
    }

    [Fact]
    public async Task ATokenWithoutTheRolesScopeIs403InsufficientScope()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "profile email userdata");

        var response = await GetWithBearerAsync(_http, "/oauth/roles/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ChallengeOf(response).Should().StartWith("Bearer").And.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"roles\"");
    }

    [Fact]
    public async Task NoTokenIs401WithABareBearerChallenge()
    {
        var response = await GetWithBearerAsync(_http, "/oauth/roles/", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().StartWith("Bearer").And.NotContain("error=");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task AMalformedTokenIs401InvalidToken(string token)
    {
        var response = await GetWithBearerAsync(_http, "/oauth/roles/", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task ARevokedTokenStopsWorkingAtOnce()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "roles");
        (await GetWithBearerAsync(_http, "/oauth/roles/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await RevokeAsync(_http, tokens.AccessToken);
        var response = await GetWithBearerAsync(_http, "/oauth/roles/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task AnExpiredTokenIs401InvalidToken()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "roles");

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        var response = await GetWithBearerAsync(_http, "/oauth/roles/", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().Contain("error=\"invalid_token\"");
    }
}
