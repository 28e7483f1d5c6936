using System.Net;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>
/// A resource server (a protected API) checks the tokens it is sent by introspection (RFC 7662 §2.1),
/// whichever client they were issued to; it signs in no users itself.
/// </summary>
public sealed class ResourceServerTests : IDisposable
{
    private const string Inactive = """{"active":false}""";
    private readonly MiniOAuthApplication _app = LifecycleFlow.NewApp();
    private readonly HttpClient _http;

    public ResourceServerTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    /// <summary>Registers a resource server as an operator would: <c>create-client --name API --resource-server --json</c>.</summary>
    private async Task<TestClient> CreateResourceServerAsync(params string[] extra)
    {
        var printed = await Cli.Cli.JsonAsync(_app, ["create-client", "--name", "Orders API", "--resource-server", .. extra]);
        return new TestClient(printed.GetProperty("client_id").GetString()!, printed.GetProperty("client_secret").GetString()!, "");
    }

    [Fact]
    public async Task AResourceServerSeesAWebAppsLiveAccessTokenAsTheWebAppWould()
    {
        var api = await CreateResourceServerAsync();
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "profile email");

        var seen = await IntrospectionOf(_http, tokens.AccessToken, api);

        seen.GetProperty("active").GetBoolean().Should().BeTrue();
        seen.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        seen.GetProperty("aud").GetString().Should().Be(MiniOAuthApplication.Issuer);
        seen.GetProperty("sub").GetString().Should().Be(PayloadOf(tokens.AccessToken).GetProperty("sub").GetString());
        seen.GetProperty("scope").GetString().Should().Be("profile email");
        seen.GetRawText().Should().Be((await IntrospectionOf(_http, tokens.AccessToken)).GetRawText());
    }

    [Fact]
    public async Task AResourceServerSeesAWebAppsRefreshTokenAsTheWebAppWould()
    {
        var api = await CreateResourceServerAsync();
        var tokens = await OAuthFlow.SignInAsync(_app, username: "bob", scope: "profile roles");

        var seen = await IntrospectionOf(_http, tokens.RefreshToken!, api);

        seen.GetProperty("active").GetBoolean().Should().BeTrue();
        seen.GetProperty("token_type").GetString().Should().Be("refresh_token");
        seen.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        seen.GetRawText().Should().Be((await IntrospectionOf(_http, tokens.RefreshToken!)).GetRawText());
    }

    [Fact]
    public async Task ATokenTheWebAppRevokedIsInactiveForTheResourceServer()
    {
        var api = await CreateResourceServerAsync();
        var tokens = await OAuthFlow.SignInAsync(_app);

        await RevokeAsync(_http, tokens.AccessToken);

        (await IntrospectionOf(_http, tokens.AccessToken, api)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, tokens.RefreshToken!, api)).GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task APlainClientStillSeesOnlyItsOwnTokensWhenAResourceServerExists()
    {
        await CreateResourceServerAsync();
        var other = await CreateConfidentialClientAsync(_app);
        var tokens = await OAuthFlow.SignInAsync(_app);

        var seen = await IntrospectionOf(_http, tokens.AccessToken, other);

        seen.GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, tokens.RefreshToken!, other)).GetRawText().Should().Be(Inactive);
    }

    [Fact]
    public async Task AResourceServerCannotRevokeAnotherClientsToken()
    {
        var api = await CreateResourceServerAsync();
        var tokens = await OAuthFlow.SignInAsync(_app);

        await RevokeAsync(_http, tokens.AccessToken, api);

        (await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("refresh_token")]
    public async Task AResourceServerHasNoUserGrants(string grantType)
    {
        var api = await CreateResourceServerAsync();
        var tokens = await OAuthFlow.SignInAsync(_app);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = grantType, ["code"] = "x", ["redirect_uri"] = Demo.RedirectUri, ["refresh_token"] = tokens.RefreshToken!,
        };

        var response = await PostAsync(_http, "/oauth/token/", api, form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("unauthorized_client");
    }

    [Fact]
    public async Task TheAuthorizationEndpointRefusesAResourceServerLikeAClientWithoutRedirectUris()
    {
        var api = await CreateResourceServerAsync();
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(api.Id, Demo.RedirectUri));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task AResourceServerMayUseClientCredentials()
    {
        var api = await CreateResourceServerAsync();

        var response = await ClientCredentialsAsync(_http, api, scope: "profile");

        var token = (await OAuthFlow.ReadTokensAsync(response)).AccessToken;
        var seen = await IntrospectionOf(_http, token, api);
        seen.GetProperty("client_id").GetString().Should().Be(api.Id);
        seen.GetProperty("sub").GetString().Should().Be(api.Id);
    }
}
