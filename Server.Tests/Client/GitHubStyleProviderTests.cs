extern alias ClientApp;

using System.Net;
using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// A provider with GitHub's habits, configured by its three URLs: no metadata, a form-encoded token
/// answer, errors with status 200, <c>login</c> for the name, no userdata, no revocation, no logout.
/// </summary>
public sealed class GitHubStyleProviderTests : IDisposable
{
    private readonly BackChannel channel = FakeProviders.Channel();
    private readonly ClientAppFactory app;
    private readonly HttpClient browser;

    public GitHubStyleProviderTests()
    {
        app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        browser = app.Browser();
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AFormEncodedTokenAnswerSignsInAndTheTokenIsMaskedInThePanel()
    {
        var callback = await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));

        callback.Headers.Location!.OriginalString.Should().Be("/dashboard");
        page.Should().Contain("Signed in as octocat").And.Contain("Exchanged the code for tokens");
        page.Should().NotContain("gho_16C7e42F292c6912E7710c838347Ae178B4a").And.NotContain("hub-secret");
        channel.Requests.Should().NotContain(request => request.Uri.AbsolutePath.Contains("/.well-known/"));
    }

    [Fact]
    public async Task TheTokenRequestAsksForJsonAndAuthenticatesWithTheProvidersOwnClient()
    {
        await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");

        var token = channel.Headers.Single(request => request.Uri.Host == "hub.test").Headers;
        token["Accept"].Should().Be("application/json");
        token["Authorization"].Should().Be(AuthorizationServer.ClientSecretBasic("hub-client", "hub-secret").ToString());
    }

    [Fact]
    public async Task AnErrorInA200AnswerIsAnErrorAndNotASignIn()
    {
        var callback = await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub", code: "bad-code");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadGateway, "could not be exchanged");
        page.Should().Contain("bad_verification_code").And.Contain("Hub refused");
        (await browser.GetAsync("/dashboard")).Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task TheDashboardNamesTheUserByLoginShowsTheOtherMembersAndSaysThereIsNoUserdata()
    {
        await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));

        page.Should().Contain("Signed in as octocat").And.Contain("<dd>The Octocat</dd>").And.Contain("<code>583231</code>");
        page.Should().Contain("<dt>html_url</dt><dd>https://hub.test/octocat</dd>");
        page.Should().Contain("Hub keeps no userdata").And.NotContain("could not be read").And.NotContain("<textarea");
    }

    [Fact]
    public async Task TheApiKeyNeverLeavesForAProviderWithoutAUserdataEndpoint()
    {
        await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");
        await browser.GetStringAsync("/dashboard");
        await browser.GetAsync("/logout");

        channel.Headers.Should().NotBeEmpty().And.OnlyContain(request => !request.Headers.ContainsKey("X-API-Key"));
        channel.Requests.Should().NotContain(request => request.Uri.AbsolutePath.Contains("userdata"));
    }

    [Fact]
    public async Task LogoutWithoutAnEndSessionEndpointGoesHomeWhichSaysTheProvidersSessionMayRemain()
    {
        await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");
        var requestsBefore = channel.Requests.Count;

        var logout = await browser.GetAsync("/logout");
        var home = await browser.GetStringAsync("/");
        var homeAgain = await browser.GetStringAsync("/");

        logout.Headers.Location!.OriginalString.Should().Be("/");
        channel.Requests.Count.Should().Be(requestsBefore, "the provider publishes neither revocation nor logout");
        home.Should().Contain("signed out of this app").And.Contain("own session at Hub may remain");
        homeAgain.Should().NotContain("may remain");
        (await browser.GetAsync("/dashboard")).Headers.Location!.OriginalString.Should().Be("/");
    }
}
