using System.Net;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>grant_type=client_credentials, RFC 6749 §4.4: a token for the client itself.</summary>
public sealed class ClientCredentialsTests : IDisposable
{
    private readonly MiniOAuthApplication _app = NewApp();
    private readonly HttpClient _http;

    public ClientCredentialsTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheTokenHasTheClientAsSubjectNoScopeByDefaultAndNoRefreshToken()
    {
        var response = await ClientCredentialsAsync(_http);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.TryGetProperty("refresh_token", out _).Should().BeFalse();
        body.TryGetProperty("scope", out _).Should().BeFalse();
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        var claims = PayloadOf(body.GetProperty("access_token").GetString()!);
        claims.GetProperty("sub").GetString().Should().Be(Demo.ClientId);
        claims.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        claims.TryGetProperty("gid", out _).Should().BeFalse();
    }

    [Fact]
    public async Task TheTokenCarriesTheAllowedScopesAskedFor()
    {
        var tokens = await OAuthFlow.ReadTokensAsync(await ClientCredentialsAsync(_http, scope: "roles userdata"));

        tokens.Scope.Should().Be("roles userdata");
        tokens.RefreshToken.Should().BeNull();
        PayloadOf(tokens.AccessToken).GetProperty("scope").GetString().Should().Be("roles userdata");
    }

    [Theory]
    [InlineData("/oauth/userinfo/")]
    [InlineData("/oauth/roles/")]
    public async Task TheTokenIs403InsufficientScopeWhereAUserIsNeeded(string path)
    {
        var tokens = await OAuthFlow.ReadTokensAsync(await ClientCredentialsAsync(_http, scope: "profile roles"));

        var response = await GetWithBearerAsync(_http, path, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ChallengeOf(response).Should().StartWith("Bearer").And.Contain("error=\"insufficient_scope\"");
    }

    [Fact]
    public async Task APublicClientIsUnauthorizedClient()
    {
        var response = await ClientCredentialsAsync(_http, PublicClient);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("unauthorized_client");
    }

    [Fact]
    public async Task AConfidentialClientWithoutTheGrantIsUnauthorizedClient()
    {
        var client = await CreateConfidentialClientAsync(_app, grants: ["authorization_code", "refresh_token"]);

        var response = await ClientCredentialsAsync(_http, client);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("unauthorized_client");
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("profile admin")]
    public async Task AnUnknownScopeIsInvalidScope(string scope)
    {
        var response = await ClientCredentialsAsync(_http, scope: scope);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_scope");
    }

    [Fact]
    public async Task AWrongSecretIs401InvalidClient()
    {
        var response = await ClientCredentialsAsync(_http, DemoClient with { Secret = "wrong" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }
}
