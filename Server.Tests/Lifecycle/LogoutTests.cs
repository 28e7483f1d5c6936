using System.Net;
using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>POST /oauth/logout/ with a Bearer token: the token, its refresh family and the login session end.</summary>
public sealed class LogoutTests : IDisposable
{
    private readonly MiniOAuthApplication _app = NewApp();
    private readonly HttpClient _http;

    public LogoutTests() => _http = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task LogoutEndsTheAccessTokenAndTheRefreshFamily()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var logout = await GetWithBearerAsync(_http, "/oauth/logout/", tokens.AccessToken, HttpMethod.Post);

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await GetWithBearerAsync(_http, "/oauth/userinfo/", tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(await RefreshAsync(_http, tokens.RefreshToken!))).Should().Be("invalid_grant");
        (await IntrospectionOf(_http, tokens.RefreshToken!)).GetProperty("active").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task LogoutAlsoEndsTheLoginSessionThatComesWithIt()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var tokens = await OAuthFlow.ExchangeAsync(_app.CreateClient(), await OAuthFlow.AuthorizeAsync(browser, "profile"));

        var logout = new HttpRequestMessage(HttpMethod.Post, "/oauth/logout") { Content = JsonContent.Create(new { }) };
        logout.Headers.Authorization = new("Bearer", tokens.AccessToken);
        (await browser.SendAsync(logout)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var authorize = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(scope: "profile"));
        authorize.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(authorize)).Should().Be("login_required");
    }

    [Fact]
    public async Task ASecondLogoutWithTheSameTokenIs401InvalidToken()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        await GetWithBearerAsync(_http, "/oauth/logout/", tokens.AccessToken, HttpMethod.Post);

        var again = await GetWithBearerAsync(_http, "/oauth/logout/", tokens.AccessToken, HttpMethod.Post);

        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(again).Should().StartWith("Bearer").And.Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task LogoutWithoutATokenIs401WithABareBearerChallenge()
    {
        var response = await GetWithBearerAsync(_http, "/oauth/logout/", token: null, HttpMethod.Post);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().StartWith("Bearer").And.NotContain("error=");
    }
}
