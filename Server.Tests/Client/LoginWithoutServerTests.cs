extern alias ClientApp;

using System.Net;
using ClientApp::MiniOAuth.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MiniOAuth.Tests.Client;

/// <summary>The client's own side of the flow, with endpoints from configuration and no server behind them.</summary>
public sealed class LoginWithoutServerTests : IDisposable
{
    private const string Authority = "http://as.test";
    private readonly BackChannel channel = new(_ => Task.FromResult(
        BackChannel.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The code is unknown."}""")));

    private readonly ClientAppFactory app;

    public LoginWithoutServerTests() => app = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints(Authority), () => channel);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task LoginRedirectsToTheAuthorizeEndpointWithTheDemoClientStateAndAnS256Challenge()
    {
        var login = await app.Browser().GetAsync("/login");

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be($"{Authority}/oauth/authorize/");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(login.Headers.Location.Query);
        query.Should().ContainKeys("state", "code_challenge");
        query["response_type"].ToString().Should().Be("code");
        query["client_id"].ToString().Should().Be("23423423");
        query["redirect_uri"].ToString().Should().Be("http://localhost:5000/callback");
        query["scope"].ToString().Should().Be("profile email roles userdata");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["state"].ToString().Should().HaveLength(43);
    }

    [Fact]
    public async Task TheBrowserHoldsOnlyAnOpaqueHttpOnlyLaxSessionCookie()
    {
        var login = await app.Browser().GetAsync("/login");

        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        var session = cookies.Should().ContainSingle(cookie => cookie.StartsWith("minioauth_client_session=")).Subject;
        session.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"].ToString();
        cookies.Should().AllSatisfy(cookie => cookie.Should().StartWith("minioauth_client").And.NotContain(state));
    }

    [Fact]
    public async Task AStateIsUsedUpByItsFirstCallback()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);
        var callback = $"/callback?code=some-code&state={query["state"]}";

        var first = await browser.GetAsync(callback);
        var second = await browser.GetAsync(callback);

        first.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        await CallbackWithoutServerTests.ShouldBeErrorPage(second, HttpStatusCode.BadRequest, "No sign-in in progress");
        channel.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ARefusedExchangeIs502AndShowsTheServersError()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=some-code&state={query["state"]}");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadGateway, "could not be exchanged");
        page.Should().Contain("invalid_grant");
        page.Should().Contain("How this worked").And.Contain("Exchanged the code for tokens");
    }

    [Fact]
    public async Task AWrongClientSecretSaysWhichSettingsToCheckNotSignInAgain()
    {
        using var wrongSecret = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints(Authority), () => new BackChannel(_ => Task.FromResult(
            BackChannel.Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"Unknown client or wrong credentials."}"""))));
        var browser = wrongSecret.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=some-code&state={query["state"]}");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadGateway, "client credentials are wrong");
        page.Should().Contain("Client:ClientId").And.Contain("Client:ClientSecret").And.Contain("invalid_client");
    }

    [Fact]
    public async Task TheCodeIsExchangedWithClientSecretBasicAndTheVerifier()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        await browser.GetAsync($"/callback?code=the-code&state={query["state"]}");

        var (method, uri, body) = channel.Requests.Should().ContainSingle().Subject;
        method.Should().Be(HttpMethod.Post);
        uri.Should().Be(new Uri($"{Authority}/oauth/token/"));
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        form["grant_type"].ToString().Should().Be("authorization_code");
        form["code"].ToString().Should().Be("the-code");
        form["redirect_uri"].ToString().Should().Be("http://localhost:5000/callback");
        Login.CodeChallenge(form["code_verifier"].ToString()).Should().Be(query["code_challenge"].ToString());
        form.Should().NotContainKey("client_secret");
    }

    [Fact]
    public async Task TheDashboardWithoutASessionRedirectsHome()
    {
        var dashboard = await app.Browser().GetAsync("/dashboard");

        dashboard.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dashboard.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task LogoutWithoutASessionStillSendsTheBrowserThroughTheServersLogout()
    {
        var logout = await app.Browser().GetAsync("/logout");

        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        logout.Headers.Location!.Should().Be(new Uri(
            $"{Authority}/oauth/logout/?client_id=23423423&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A5000%2F"));
    }

    [Fact]
    public async Task EveryLoginStartsASessionInServerMemory()
    {
        var sessions = app.Services.GetRequiredService<SessionStore>();
        var before = sessions.Count;

        await app.Browser().GetAsync("/login");

        sessions.Count.Should().Be(before + 1);
    }
}
