using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

public sealed class TokenEndpointTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> CodeAsync(string? challenge = null)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        return await OAuthFlow.AuthorizeAsync(browser, "profile", challenge);
    }

    private static Dictionary<string, string> CodeForm(string code, string? verifier = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.RedirectUri };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return form;
    }

    [Fact]
    public async Task TheSeedWalkthroughsClientSecretPostWorksAndTheAnswerIsNotCached()
    {
        var code = await CodeAsync();
        var form = CodeForm(code);
        form["client_id"] = Demo.ClientId;
        form["client_secret"] = Demo.ClientSecret;

        var response = await _app.CreateClient().PostAsync("/oauth/token/", new FormUrlEncodedContent(form));

        var tokens = await OAuthFlow.ReadTokensAsync(response);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        tokens.Scope.Should().Be("profile");
        tokens.ExpiresIn.Should().Be(900);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
    }

    [Fact]
    public async Task TheAccessTokenIsAnRfc9068Jwt()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken);

        jwt.Typ.Should().Be("at+jwt");
        var header = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(tokens.AccessToken.Split('.')[0]));
        header.Should().Contain("\"typ\":\"at+jwt\"", "a reader decoding the header sees the media type as written");
        jwt.Issuer.Should().Be(MiniOAuthApplication.Issuer);
        jwt.Audiences.Should().Equal(MiniOAuthApplication.Issuer);
        jwt.GetClaim("client_id").Value.Should().Be(Demo.ClientId);
        jwt.GetClaim("scope").Value.Should().Be("profile email roles userdata");
        jwt.Id.Should().NotBeNullOrEmpty();
        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData(Demo.ClientSecret + "x")]
    [InlineData("")]
    public async Task AWrongClientSecretIsInvalidClientWithAChallenge(string secret)
    {
        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(await CodeAsync()), secret: secret.Length == 0 ? null : secret);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
    }

    [Fact]
    public async Task AReplayedCodeIsRefusedAndRevokesTheTokensOfTheFirstRedemption()
    {
        var code = await CodeAsync();
        var first = await OAuthFlow.ExchangeAsync(_app.CreateClient(), code);

        var replay = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(code));
        var userinfo = await BearerGetAsync("/oauth/userinfo/", first.AccessToken);
        var refresh = await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken!,
        });

        (await OAuthFlow.ErrorOf(replay)).Should().Be("invalid_grant");
        userinfo.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(refresh)).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task OfTwoParallelRedemptionsOfOneCodeExactlyOneWins()
    {
        var code = await CodeAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(code))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).Should().Be(1);
    }

    [Fact]
    public async Task AnExpiredCodeIsInvalidGrant()
    {
        var code = await CodeAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(code));

        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_grant");
    }

    [Theory]
    [InlineData(null, "invalid_grant")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX", "invalid_grant")]
    public async Task AMissingOrWrongVerifierIsInvalidGrant(string? verifier, string error)
    {
        var code = await CodeAsync(Demo.Challenge);

        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(code, verifier));

        (await OAuthFlow.ErrorOf(response)).Should().Be(error);
    }

    [Fact]
    public async Task AVerifierForACodeWithoutChallengeIsInvalidGrant()
    {
        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(await CodeAsync(), Demo.Verifier));

        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task APublicClientRedeemsWithPkceAndNoSecret()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge, Demo.PublicClientId, Demo.PublicRedirectUri);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.PublicRedirectUri,
            ["client_id"] = Demo.PublicClientId, ["code_verifier"] = Demo.Verifier,
        };

        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), form, secret: null);

        (await OAuthFlow.ReadTokensAsync(response)).RefreshToken.Should().NotBeNull();
    }

    [Fact]
    public async Task ACodeIssuedToAnotherClientIsInvalidGrant()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge, Demo.PublicClientId, Demo.PublicRedirectUri);

        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), CodeForm(code, Demo.Verifier));

        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_grant");
    }

    [Theory]
    [InlineData("grant_type=password&username=a&password=b", "unsupported_grant_type")]
    [InlineData("code=abc", "invalid_request")]
    [InlineData("grant_type=authorization_code&grant_type=authorization_code&code=a&redirect_uri=x", "invalid_request")]
    [InlineData("grant_type=authorization_code&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcallback", "invalid_request")]
    [InlineData("grant_type=authorization_code&code=nope&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcallback", "invalid_grant")]
    public async Task MalformedTokenRequestsGetTheirRfc6749Error(string body, string error)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token/")
        {
            Content = new StringContent(body, null, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = OAuthFlow.Basic(Demo.ClientId, Demo.ClientSecret);

        var response = await _app.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be(error);
    }

    [Fact]
    public async Task AJsonBodyIsInvalidRequestNotAServerError()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/oauth/token/", new { grant_type = "client_credentials" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
    }

    private Task<HttpResponseMessage> BearerGetAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return _app.CreateClient().SendAsync(request);
    }
}
