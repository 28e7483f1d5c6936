using System.Net;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>grant_type=refresh_token over HTTP: races, code replay and every error.</summary>
public sealed class RefreshHttpTests : IDisposable
{
    private readonly MiniOAuthApplication _app = LifecycleFlow.NewApp();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TwentyParallelRefreshesWithOneTokenGiveExactlyOneSuccessAndEndTheFamily()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var http = _app.CreateClient();
        await Racing.WarmUpRefreshAsync(_app, http);

        var responses = await Racing.RunAsync(20, () => RefreshAsync(http, tokens.RefreshToken!));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        var losers = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        losers.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.BadRequest));
        (await Task.WhenAll(losers.Select(OAuthFlow.ErrorOf))).Should().AllBe("invalid_grant");
        var winner = await OAuthFlow.ReadTokensAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        (await OAuthFlow.ErrorOf(await RefreshAsync(http, winner.RefreshToken!))).Should().Be("invalid_grant");
        (await GetWithBearerAsync(http, "/oauth/userinfo/", winner.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithAGraceTwentyParallelRefreshesGiveOneSuccessAndTheWinnerKeepsWorking()
    {
        using var app = NewApp(refreshTokenReuseGrace: "00:00:10");
        var tokens = await OAuthFlow.SignInAsync(app);
        var http = app.CreateClient();
        await Racing.WarmUpRefreshAsync(app, http);

        var responses = await Racing.RunAsync(20, () => RefreshAsync(http, tokens.RefreshToken!));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        (await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(OAuthFlow.ErrorOf)))
            .Should().HaveCount(19).And.AllBe("invalid_grant");
        var winner = await OAuthFlow.ReadTokensAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        (await GetWithBearerAsync(http, "/oauth/userinfo/", winner.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefreshAsync(http, winner.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AReplayedCodeRevokesTheTokensOfTheFirstRedemption()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge);
        var http = _app.CreateClient();
        var first = await OAuthFlow.ExchangeAsync(http, code, Demo.Verifier);

        var replay = await OAuthFlow.PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.RedirectUri, ["code_verifier"] = Demo.Verifier,
        });

        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(replay)).Should().Be("invalid_grant");
        var userinfo = await GetWithBearerAsync(http, "/oauth/userinfo/", first.AccessToken);
        userinfo.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(userinfo).Should().Contain("error=\"invalid_token\"");
        (await OAuthFlow.ErrorOf(await RefreshAsync(http, first.RefreshToken!))).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task AUsedCodePresentedByAnotherClientIsRefusedAndLeavesTheVictimsGrantAlone()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge);
        var http = _app.CreateClient();
        var victim = await OAuthFlow.ExchangeAsync(http, code, Demo.Verifier);

        // Anyone who saw the used code (a log, a referrer) presents it as the public spa-demo.
        var replay = await OAuthFlow.PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.RedirectUri,
            ["code_verifier"] = Demo.Verifier, ["client_id"] = Demo.PublicClientId,
        }, secret: null);

        (await OAuthFlow.ErrorOf(replay)).Should().Be("invalid_grant");
        (await GetWithBearerAsync(http, "/oauth/userinfo/", victim.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefreshAsync(http, victim.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARefreshNarrowsTheScopeAndAnswersWithoutCaching()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "profile email");

        var response = await RefreshAsync(_app.CreateClient(), tokens.RefreshToken!, scope: "email");

        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var narrowed = await OAuthFlow.ReadTokensAsync(response);
        narrowed.Scope.Should().Be("email");
        narrowed.RefreshToken.Should().NotBe(tokens.RefreshToken);
    }

    public static TheoryData<string, string?, string?, HttpStatusCode, string> Errors => new()
    {
        // what is wrong, refresh_token, scope, status, error
        { "no refresh_token", null, null, HttpStatusCode.BadRequest, "invalid_request" },
        { "an unknown refresh_token", "not-a-token", null, HttpStatusCode.BadRequest, "invalid_grant" },
        { "a widened scope", "{refresh}", "profile email roles userdata", HttpStatusCode.BadRequest, "invalid_scope" },
        { "openid", "{refresh}", "openid", HttpStatusCode.BadRequest, "invalid_scope" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task EveryRefreshErrorIsAnRfc6749Error(string because, string? refreshToken, string? scope, HttpStatusCode status, string error)
    {
        var tokens = await OAuthFlow.SignInAsync(_app, scope: "profile email");
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token" };
        if (refreshToken is not null)
        {
            form["refresh_token"] = refreshToken == "{refresh}" ? tokens.RefreshToken! : refreshToken;
        }

        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), form);

        response.StatusCode.Should().Be(status, because);
        (await OAuthFlow.ErrorOf(response)).Should().Be(error, because);
    }

    [Fact]
    public async Task AnotherClientsRefreshTokenIsInvalidGrant()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var other = await CreateConfidentialClientAsync(_app);

        var response = await RefreshAsync(_app.CreateClient(), tokens.RefreshToken!, other);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_grant");
        (await RefreshAsync(_app.CreateClient(), tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWrongClientSecretIs401InvalidClientWithAChallenge()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var response = await RefreshAsync(_app.CreateClient(), tokens.RefreshToken!, DemoClient with { Secret = "wrong" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
        ChallengeOf(response).Should().StartWith("Basic");
    }
}
