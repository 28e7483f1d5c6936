using System.Net;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>POST /oauth/revoke/, RFC 7009.</summary>
public sealed class RevocationTests : IDisposable
{
    private readonly MiniOAuthApplication _app = LifecycleFlow.NewApp();
    private readonly HttpClient _http;

    public RevocationTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("refresh_token")]
    [InlineData("access_token")]
    public async Task RevokingARefreshTokenEndsItsFamilyAndItsAccessTokens(string? hint)
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await RevokeAsync(_http, tokens.RefreshToken, hint: hint);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await OAuthFlow.ErrorOf(await RefreshAsync(_http, tokens.RefreshToken!))).Should().Be("invalid_grant");
        (await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    public async Task RevokingAnAccessTokenEndsThatTokenOnly(string? hint)
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await RevokeAsync(_http, tokens.AccessToken, hint: hint);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var userinfo = await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken);
        userinfo.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(userinfo).Should().Contain("error=\"invalid_token\"");
        var refreshed = await OAuthFlow.ReadTokensAsync(await RefreshAsync(_http, tokens.RefreshToken!));
        (await GetWithBearerAsync(_http, "/oauth/userinfo/", refreshed.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARevokedClientCredentialsTokenStopsWorking()
    {
        var token = (await OAuthFlow.ReadTokensAsync(await ClientCredentialsAsync(_http))).AccessToken;

        (await RevokeAsync(_http, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await IntrospectionOf(_http, token)).GetRawText().Should().Be("""{"active":false}""");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")]
    [InlineData("a.b.c")]
    public async Task UnknownOrMalformedTokensAnswer200WithAnEmptyJsonObject(string token)
    {
        var response = await RevokeAsync(_http, token);

        await ShouldBeTheRevocationAnswer(response);
    }

    [Fact]
    public async Task ARevokedTokenAnswers200WithAnEmptyJsonObject()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await RevokeAsync(_http, tokens.AccessToken);

        await ShouldBeTheRevocationAnswer(response);
    }

    // RFC 7009 §2.2 lets the client ignore the body; JSON clients (simple-oauth2) still need JSON to parse.
    private static async Task ShouldBeTheRevocationAnswer(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }

    [Fact]
    public async Task AnotherClientsTokensAnswer200AndStayAlive()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var other = await CreateConfidentialClientAsync(_app);

        var refresh = await RevokeAsync(_http, tokens.RefreshToken, other);
        var access = await RevokeAsync(_http, tokens.AccessToken, PublicClient);

        await ShouldBeTheRevocationAnswer(refresh);
        await ShouldBeTheRevocationAnswer(access);
        (await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefreshAsync(_http, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task APublicClientRevokesItsOwnTokensWithItsClientId()
    {
        var tokens = await SignInAsync(_app, PublicClient);

        var response = await RevokeAsync(_http, tokens.RefreshToken, PublicClient);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await OAuthFlow.ErrorOf(await RefreshAsync(_http, tokens.RefreshToken!, PublicClient))).Should().Be("invalid_grant");
        (await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, TestClient> BadClients => new()
    {
        { "a wrong secret", DemoClient with { Secret = "wrong" } },
        { "a confidential client without its secret", DemoClient with { Secret = null } },
        { "an unknown client", new TestClient("nobody", null, Demo.RedirectUri) },
    };

    [Theory]
    [MemberData(nameof(BadClients))]
    public async Task BadClientCredentialsAre401InvalidClientAndRevokeNothing(string because, TestClient client)
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await RevokeAsync(_http, tokens.RefreshToken, client);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        (await RefreshAsync(_http, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AMissingTokenIsInvalidRequest()
    {
        var response = await RevokeAsync(_http, token: null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
    }

    [Fact]
    public async Task ABodyThatIsNotAFormIsInvalidRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/revoke") { Content = new StringContent("""{"token":"x"}""") };
        request.Headers.Authorization = OAuthFlow.Basic(Demo.ClientId, Demo.ClientSecret);

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("/oauth/revoke/")]
    [InlineData("/oauth/token/")]
    public async Task APublicClientsOriginMayCallCrossOriginAndNoOtherMay(string path)
    {
        var allowed = await PreflightAsync(path, "http://localhost:3000");
        var refused = await PreflightAsync(path, "http://evil.example");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
        allowed.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return _http.SendAsync(request);
    }
}
