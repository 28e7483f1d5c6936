using System.Net;
using System.Net.Http.Headers;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Client;

/// <summary>The client app against the real server: sign in, dashboard, sign out.</summary>
public sealed class ClientFlowTests : IDisposable
{
    private readonly ClientAndServer apps = new();

    public void Dispose() => apps.Dispose();

    [Fact]
    public async Task SigningInLeadsToADashboardWithTheUsersProfile()
    {
        var callback = await apps.SignInAsync("alice");
        var dashboard = await apps.ClientBrowser.GetAsync(callback.Headers.Location);

        callback.StatusCode.Should().Be(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.Should().Be("/dashboard");
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await dashboard.Content.ReadAsStringAsync();
        page.Should().Contain("Signed in as alice").And.Contain("alice@example.com").And.Contain("<dd>user</dd>");
        apps.TokenCalls("authorization_code").Should().Be(1);
    }

    [Fact]
    public async Task TheHowThisWorkedPanelShowsEveryStepWithTokensMasked()
    {
        await apps.SignInAsync("alice");

        var page = WebUtility.HtmlDecode(await apps.ClientBrowser.GetStringAsync("/dashboard"));

        var accessToken = apps.LastAccessToken();
        page.Should().Contain("How this worked");
        page.Should().ContainAll(
            "Sent the browser to the authorization endpoint", "code_challenge_method=S256", "sent the browser back to /callback",
            "the browser was at the provider", "Checked state and iss: both match", "iss</dt>", "received = expected (http",
            "Exchanged the code for tokens", "Decoded the access token", "at+jwt", "Asked userinfo who signed in");
        page.IndexOf("authorization endpoint", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("Asked userinfo", StringComparison.Ordinal));
        page.Should().NotContain(accessToken).And.NotContain(accessToken[6..40]).And.NotContain(Demo.ClientSecret);
    }

    [Fact]
    public async Task TheSessionIdChangesAtSignIn()
    {
        var login = await apps.ClientBrowser.GetAsync("/login");
        var before = SessionCookie(login);

        var callback = await apps.SignInAsync("alice");

        SessionCookie(callback).Should().NotBeNullOrEmpty().And.NotBe(before);
    }

    [Fact]
    public async Task TheHomePageNamesTheSignedInUser()
    {
        await apps.SignInAsync("bob");
        await apps.ClientBrowser.GetAsync("/dashboard");

        var home = await apps.ClientBrowser.GetStringAsync("/");

        home.Should().Contain("Signed in as bob").And.Contain("href=\"/logout\"");
    }

    [Fact]
    public async Task AnUnfinishedNewLoginDoesNotSignTheUserOut()
    {
        await apps.SignInAsync("alice");

        var login = await apps.ClientBrowser.GetAsync("/login");
        var dashboard = await apps.ClientBrowser.GetAsync("/dashboard");

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LogoutRevokesTheTokensAndEndsBothSessions()
    {
        await apps.SignInAsync("alice");
        await apps.ClientBrowser.GetAsync("/dashboard");
        var accessToken = apps.LastAccessToken();

        var logout = await apps.ClientBrowser.GetAsync("/logout");
        var serverLogout = await apps.ServerBrowser.GetAsync(logout.Headers.Location!.PathAndQuery);

        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        logout.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://localhost/oauth/logout/");
        serverLogout.Headers.Location.Should().Be(new Uri("http://localhost:5000/"));
        (await apps.ClientBrowser.GetAsync("/dashboard")).Headers.Location!.OriginalString.Should().Be("/");
        (await UserInfoStatus(accessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.GetJsonAsync(apps.ServerBrowser, OAuthFlow.AuthorizePath())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DecliningConsentGivesAnAccessDeniedPageAndNoTokens()
    {
        await OAuthFlow.LoginAsync(apps.ServerBrowser);
        var denied = await apps.AuthorizeAsync(decision: "deny");
        var redirectTo = new Uri(denied.GetProperty("redirect_to").GetString()!);

        var callback = await apps.ClientBrowser.GetAsync(redirectTo.PathAndQuery);

        redirectTo.Query.Should().Contain("error=access_denied");
        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "Access was not granted");
        apps.TokenCalls("authorization_code").Should().Be(0);
    }

    [Fact]
    public async Task AServersAnswerWithAnAlteredStateIsRefusedAndTheCodeIsNotExchanged()
    {
        await OAuthFlow.LoginAsync(apps.ServerBrowser);
        var answer = await apps.AuthorizeAsync();
        var state = answer.GetProperty("state").GetString()!;
        var tampered = new Uri(answer.GetProperty("redirect_to").GetString()!).PathAndQuery.Replace(state, "forged-state");

        var callback = await apps.ClientBrowser.GetAsync(tampered);

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "does not belong to this sign-in");
        apps.TokenCalls("authorization_code").Should().Be(0);
    }

    private async Task<HttpStatusCode> UserInfoStatus(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await apps.Server.CreateClient().SendAsync(request)).StatusCode;
    }

    private static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(cookie => cookie.StartsWith("minioauth_client_session="))?.Split(';')[0]
            : null;
}
