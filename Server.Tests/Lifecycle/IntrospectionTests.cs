using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>POST /oauth/introspect/, RFC 7662.</summary>
public sealed class IntrospectionTests : IDisposable
{
    private const string Inactive = """{"active":false}""";
    private readonly MiniOAuthApplication _app = LifecycleFlow.NewApp();
    private readonly HttpClient _http;

    public IntrospectionTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ALiveAccessTokenShowsWhoAndWhatItIsFor()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "profile email");
        var issuedAt = _app.Clock.GetUtcNow().ToUnixTimeSeconds();

        var response = await IntrospectAsync(_http, tokens.AccessToken);

        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.GetProperty("scope").GetString().Should().Be("profile email");
        body.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        body.GetProperty("username").GetString().Should().Be("alice");
        body.GetProperty("sub").GetString().Should().Be(PayloadOf(tokens.AccessToken).GetProperty("sub").GetString()).And.NotBe("alice");
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("aud").GetString().Should().Be(MiniOAuthApplication.Issuer);
        body.GetProperty("iat").GetInt64().Should().BeCloseTo(issuedAt, 1);
        body.GetProperty("exp").GetInt64().Should().BeCloseTo(issuedAt + 15 * 60, 1);
    }

    [Fact]
    public async Task ALiveRefreshTokenShowsItsGrant()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, username: "bob", scope: "profile roles");
        var issuedAt = _app.Clock.GetUtcNow().ToUnixTimeSeconds();

        var body = await IntrospectionOf(_http, tokens.RefreshToken!);

        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.GetProperty("token_type").GetString().Should().Be("refresh_token");
        body.GetProperty("aud").GetString().Should().Be(MiniOAuthApplication.Issuer);
        body.GetProperty("scope").GetString().Should().Be("profile roles");
        body.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        body.GetProperty("username").GetString().Should().Be("bob");
        body.GetProperty("sub").GetString().Should().Be(PayloadOf(tokens.AccessToken).GetProperty("sub").GetString());
        body.GetProperty("iat").GetInt64().Should().BeCloseTo(issuedAt, 1);
        body.GetProperty("exp").GetInt64().Should().BeCloseTo(issuedAt + 14 * 24 * 3600, 1);
    }

    [Fact]
    public async Task AClientCredentialsTokenHasTheClientAsSubjectAndNoUsername()
    {
        var token = (await OAuthFlow.ReadTokensAsync(await ClientCredentialsAsync(_http, scope: "userdata"))).AccessToken;

        var body = await IntrospectionOf(_http, token);

        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.GetProperty("sub").GetString().Should().Be(Demo.ClientId);
        body.GetProperty("client_id").GetString().Should().Be(Demo.ClientId);
        body.GetProperty("scope").GetString().Should().Be("userdata");
        body.TryGetProperty("username", out _).Should().BeFalse();
    }

    [Fact]
    public async Task AClientCredentialsTokenWithoutScopeLeavesScopeOut()
    {
        var token = (await OAuthFlow.ReadTokensAsync(await ClientCredentialsAsync(_http))).AccessToken;

        var body = await IntrospectionOf(_http, token);

        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.TryGetProperty("scope", out _).Should().BeFalse("RFC 6749 §5.1: no scope member rather than an empty one");
    }

    [Fact]
    public async Task RevokedTokensAreOnlyInactive()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var other = await OAuthFlow.SignInAsync(_app);
        await RevokeAsync(_http, tokens.AccessToken);
        await RevokeAsync(_http, other.RefreshToken);

        (await IntrospectionOf(_http, tokens.AccessToken)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, tokens.RefreshToken!)).GetProperty("active").GetBoolean().Should().BeTrue();
        (await IntrospectionOf(_http, other.RefreshToken!)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, other.AccessToken)).GetRawText().Should().Be(Inactive);
    }

    [Fact]
    public async Task ExpiredTokensAreOnlyInactive()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        var access = await IntrospectionOf(_http, tokens.AccessToken);
        _app.Clock.Advance(TimeSpan.FromDays(14));
        var refresh = await IntrospectionOf(_http, tokens.RefreshToken!);

        access.GetRawText().Should().Be(Inactive);
        refresh.GetRawText().Should().Be(Inactive);
    }

    [Fact]
    public async Task ADisabledUsersTokensAreOnlyInactive()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "alice")
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true)));

        (await IntrospectionOf(_http, tokens.AccessToken)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, tokens.RefreshToken!)).GetRawText().Should().Be(Inactive);
    }

    [Fact]
    public async Task ARotatedRefreshTokenIsInactiveAndIntrospectingItIsNoReuse()
    {
        var first = await OAuthFlow.SignInAsync(_app);
        var second = await OAuthFlow.ReadTokensAsync(await RefreshAsync(_http, first.RefreshToken!));

        var rotated = await IntrospectionOf(_http, first.RefreshToken!);

        rotated.GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, second.RefreshToken!)).GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")]
    public async Task UnknownOrMalformedTokensAreOnlyInactive(string token)
    {
        var body = await IntrospectionOf(_http, token, hint: "access_token");

        body.GetRawText().Should().Be(Inactive);
    }

    [Fact]
    public async Task AClientLearnsNothingAboutAnotherClientsTokens()
    {
        var demoTokens = await OAuthFlow.SignInAsync(_app);
        var other = await CreateConfidentialClientAsync(_app);
        var otherTokens = await SignInAsync(_app, other);

        (await IntrospectionOf(_http, demoTokens.AccessToken, other)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, demoTokens.RefreshToken!, other)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, otherTokens.AccessToken)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, otherTokens.RefreshToken!)).GetRawText().Should().Be(Inactive);
        (await IntrospectionOf(_http, otherTokens.AccessToken, other)).GetProperty("active").GetBoolean().Should().BeTrue();
    }

    public static TheoryData<string, TestClient> NotAllowed => new()
    {
        { "a public client", PublicClient },
        { "a wrong secret", DemoClient with { Secret = "wrong" } },
        { "no secret", DemoClient with { Secret = null } },
    };

    [Theory]
    [MemberData(nameof(NotAllowed))]
    public async Task OnlyAuthenticatedConfidentialClientsMayIntrospect(string because, TestClient client)
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await IntrospectAsync(_http, tokens.AccessToken, client);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AMissingTokenIsInvalidRequest()
    {
        var response = await IntrospectAsync(_http, token: null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
    }
}
