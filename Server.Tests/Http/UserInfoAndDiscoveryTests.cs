using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

public sealed class UserInfoAndDiscoveryTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> UserInfoAsync(string? token, string path = "/oauth/userinfo/")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return _app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task UserinfoGivesEachFieldOnlyWithItsScope()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, "bob", "profile roles");

        var body = await (await UserInfoAsync(tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("username").GetString().Should().Be("bob");
        body.GetProperty("name").GetString().Should().Be("Bob");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("user");
        body.TryGetProperty("email", out _).Should().BeFalse();
    }

    [Fact]
    public async Task UserinfoAnswersAPostToo()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, "alice", "profile email");
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/userinfo/") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        var response = await _app.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("username").GetString().Should().Be("alice");
        body.GetProperty("email").GetString().Should().Be("alice@example.com");
        body.GetProperty("sub").GetString().Should().Be(body.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/oauth/jwks/")]
    [InlineData("/oauth/userinfo/")]
    public async Task APublicClientsOriginMayReadDiscoveryKeysAndUserinfoCrossOriginAndNoOtherMay(string path)
    {
        Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "authorization");
            return _app.CreateClient().SendAsync(request);
        }

        var allowed = await PreflightAsync("http://localhost:3000");
        var refused = await PreflightAsync("http://evil.example");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
        allowed.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        // And the request itself (a plain GET needs no preflight) carries the answer the browser checks.
        var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Add("Origin", "http://localhost:3000");
        (await _app.CreateClient().SendAsync(get)).Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
    }

    [Fact]
    public async Task NoTokenIsAPlainBearerChallenge()
    {
        var response = await UserInfoAsync(null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer").And.NotContain("error=");
    }

    [Fact]
    public async Task ATamperedTokenIsInvalidToken()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var parts = tokens.AccessToken.Split('.');
        var claims = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"scope\":\"profile", "\"scope\":\"roles");
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(claims)}.{parts[2]}";

        tampered.Should().NotBe(tokens.AccessToken);
        var response = await UserInfoAsync(tampered);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task AnAlgNoneTokenIsInvalidToken()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var payload = tokens.AccessToken.Split('.')[1];
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");

        var response = await UserInfoAsync($"{header}.{payload}.");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task AnExpiredTokenIsInvalidToken()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await UserInfoAsync(tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task ATokenInTheQueryStringIsIgnored()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await UserInfoAsync(null, "/oauth/userinfo/?access_token=" + tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheMetadataDescribesTheServer()
    {
        var metadata = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");

        metadata.GetProperty("issuer").GetString().Should().Be(MiniOAuthApplication.Issuer);
        metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("S256");
        metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().Should().BeTrue();
        metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("client_secret_basic", "client_secret_post", "none");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("profile", "email", "roles", "userdata");
        metadata.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("code");
        metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("authorization_code", "refresh_token", "client_credentials");
        foreach (var (name, path) in new[]
        {
            ("authorization_endpoint", "/oauth/authorize/"), ("token_endpoint", "/oauth/token/"),
            ("userinfo_endpoint", "/oauth/userinfo/"), ("revocation_endpoint", "/oauth/revoke/"),
            ("introspection_endpoint", "/oauth/introspect/"), ("jwks_uri", "/oauth/jwks/"),
            ("userdata_endpoint", "/oauth/userdata/"), ("end_session_endpoint", "/oauth/logout/"),
        })
        {
            metadata.GetProperty(name).GetString().Should().Be(MiniOAuthApplication.Issuer + path, name);
        }
    }

    [Fact]
    public async Task TheJwksPublishesThePublicKeyThatSignsTokens()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Kid;

        var jwks = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/oauth/jwks");

        var key = jwks.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
        key.GetProperty("kid").GetString().Should().Be(kid);
        key.TryGetProperty("d", out _).Should().BeFalse("the private key must never be published");
    }

    [Fact]
    public async Task AResourceServerVerifiesAnAccessTokenWithTheJwksAlone()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await _app.CreateClient().GetStringAsync("/oauth/jwks"));

        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken,
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                ValidIssuer = MiniOAuthApplication.Issuer,
                ValidAudience = MiniOAuthApplication.Issuer,
                ValidTypes = ["at+jwt"],
                ValidAlgorithms = ["ES256"],
                IssuerSigningKeys = jwks.GetSigningKeys(),
                LifetimeValidator = (notBefore, expires, _, _) => expires > _app.Clock.GetUtcNow().UtcDateTime,
            });

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        var jwt = (Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)result.SecurityToken;
        jwt.Alg.Should().Be("ES256");
        jwt.IssuedAt.Should().BeCloseTo(_app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        var userinfo = await (await UserInfoAsync(tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        jwt.Subject.Should().Be(userinfo.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/oauth/jwks/")]
    [InlineData("/oauth/jwks")]
    public async Task PathsAnswerWithAndWithoutTheirTrailingSlash(string path) =>
        (await _app.CreateClient().GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task EveryPageForbidsFraming()
    {
        var response = await _app.CreateClient().GetAsync("/oauth/login/");

        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }
}
