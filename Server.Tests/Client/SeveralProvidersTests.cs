using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// Providers by configuration alone: each <c>Client:Providers:&lt;key&gt;</c> section signs in at
/// <c>/login?provider=&lt;key&gt;</c> and comes back at <c>/callback/&lt;key&gt;</c>, with its own client and
/// nothing of the default's. The state is bound to the provider that started the sign-in (RFC 9700 §4.4.2).
/// </summary>
public sealed class SeveralProvidersTests : IDisposable
{
    private readonly BackChannel channel = FakeProviders.Channel();
    private readonly ClientAppFactory app;
    private readonly HttpClient browser;

    public SeveralProvidersTests()
    {
        app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        browser = app.Browser();
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task TheHomePageOffersSignInWithEachProviderByItsDisplayName()
    {
        var home = await browser.GetStringAsync("/");

        home.Should().Contain("<a class=\"button\" href=\"/login\">Sign in with MiniOAuth</a>")
            .And.Contain("<a class=\"button\" href=\"/login?provider=hub\">Sign in with Hub</a>")
            .And.Contain("<a class=\"button\" href=\"/login?provider=other\">Sign in with Other Server</a>");
    }

    [Fact]
    public async Task AProviderSignsInWithItsOwnClientScopesAndCallbackAndInheritsNothing()
    {
        var login = await browser.GetAsync("/login?provider=hub");

        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(FakeProviders.HubAuthorize);
        var query = QueryHelpers.ParseQuery(login.Headers.Location.Query);
        query["client_id"].ToString().Should().Be("hub-client");
        query["redirect_uri"].ToString().Should().Be("http://localhost:5000/callback/hub");
        query["scope"].ToString().Should().Be("read:user");
        query["code_challenge_method"].ToString().Should().Be("S256");
    }

    [Fact]
    public async Task AProviderWithoutScopesAsksForNoneRatherThanTheDefaultsScopes()
    {
        var settings = FakeProviders.Settings();
        settings.Remove("Client:Providers:hub:Scopes");
        using var bare = new ClientAppFactory(settings, () => channel);

        var login = await bare.Browser().GetAsync("/login?provider=hub");

        QueryHelpers.ParseQuery(login.Headers.Location!.Query).Should().NotContainKey("scope");
    }

    [Fact]
    public async Task AProvidersOwnRedirectUriWins()
    {
        var settings = FakeProviders.Settings();
        settings["Client:Providers:hub:RedirectUri"] = "https://app.example/callback/hub";
        using var proxied = new ClientAppFactory(settings, () => channel);
        var proxiedBrowser = proxied.Browser();

        var callback = await FakeProviders.SignInAsync(proxiedBrowser, "/login?provider=hub", "/callback/hub");

        callback.Headers.Location!.OriginalString.Should().Be("/dashboard");
        var exchange = channel.Requests.Single(request => request.Uri.Host == "hub.test").Body;
        QueryHelpers.ParseQuery(exchange)["redirect_uri"].ToString().Should().Be("https://app.example/callback/hub");
    }

    [Theory]
    [InlineData("/login?provider=nobody")]
    [InlineData("/login?provider=")]
    [InlineData("/callback/nobody?code=c&state=s")]
    public async Task AKeyThatNamesNoProviderIs404WithALinkHomeAndNothingIsRedirected(string path)
    {
        await browser.GetAsync("/login?provider=hub");
        var requestsBefore = channel.Requests.Count;

        var response = await browser.GetAsync(path);

        await CallbackWithoutServerTests.ShouldBeErrorPage(response, HttpStatusCode.NotFound, "no sign-in provider named");
        response.Headers.Location.Should().BeNull();
        channel.Requests.Count.Should().Be(requestsBefore);
    }

    [Theory]
    [InlineData("/callback")]
    [InlineData("/callback/other")]
    public async Task AnAnswerForOneProviderAtAnotherProvidersCallbackIsRefusedAndNoCodeIsSentAnywhere(string wrongCallback)
    {
        var callback = await FakeProviders.SignInAsync(browser, "/login?provider=hub", wrongCallback, iss: FakeProviders.OtherIssuer);

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "but the answer arrived at the callback of");
        channel.Requests.Should().NotContain(request => request.Method == HttpMethod.Post);
        channel.Requests.Should().NotContain(request => (request.Body ?? "").Contains("good-code"));
    }

    [Fact]
    public async Task TheDefaultProvidersAnswerAtAnotherProvidersCallbackIsRefusedToo()
    {
        var callback = await FakeProviders.SignInAsync(browser, "/login", "/callback/hub");

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "but the answer arrived at the callback of");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task EachProviderSignsInAtItsOwnCallback()
    {
        var hub = await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub");
        var other = await FakeProviders.SignInAsync(app.Browser(), "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);

        hub.Headers.Location!.OriginalString.Should().Be("/dashboard");
        other.Headers.Location!.OriginalString.Should().Be("/dashboard");
    }

    [Fact]
    public async Task AnUnreachableProviderIs502NamingItWhileTheHomePageAndTheOthersKeepWorking()
    {
        var settings = FakeProviders.Settings();
        settings["Client:Providers:down:DisplayName"] = "Down Provider";
        settings["Client:Providers:down:Authority"] = ClientAppFactory.ClosedAuthority();
        settings["Client:Providers:down:ClientId"] = "c";
        using var partly = new ClientAppFactory(settings, () => new BackChannel(request => request.RequestUri!.Host == "127.0.0.1"
            ? throw new HttpRequestException("Connection refused")
            : FakeProviders.AnswerAsync(request)));
        var partlyBrowser = partly.Browser();

        var down = await partlyBrowser.GetAsync("/login?provider=down");
        var home = await partlyBrowser.GetAsync("/");
        var hub = await FakeProviders.SignInAsync(partlyBrowser, "/login?provider=hub", "/callback/hub");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(down, HttpStatusCode.BadGateway, "could not be reached");
        page.Should().Contain("Down Provider");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        hub.Headers.Location!.OriginalString.Should().Be("/dashboard");
    }

    [Fact]
    public async Task TokensAreNeverSentToAProviderOtherThanTheOneThatIssuedThem()
    {
        // The dashboard asks the first provider's userinfo, which stalls; meanwhile the session signs in with the
        // second provider in another tab; then the first answers 401, which would make the page try again.
        var (asked, answer) = (new TaskCompletionSource(), new TaskCompletionSource());
        var stalled = 0;
        var recorded = new BackChannel(async request =>
        {
            if (request.RequestUri!.AbsolutePath == "/me" && Interlocked.Exchange(ref stalled, 1) == 0)
            {
                asked.SetResult();
                await answer.Task;
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            return await FakeProviders.AnswerAsync(request);
        });
        using var tabs = new ClientAppFactory(FakeProviders.Settings(), () => recorded);
        var sameBrowser = tabs.Browser();
        await FakeProviders.SignInAsync(sameBrowser, "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);
        var firstTab = sameBrowser.GetAsync("/dashboard");
        await asked.Task;
        await FakeProviders.SignInAsync(sameBrowser, "/login?provider=hub", "/callback/hub");

        answer.SetResult();
        var page = await firstTab;

        page.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        recorded.Headers.Where(request => request.Uri.Host != "hub.test" && request.Uri.Host != "api.hub.test")
            .Should().NotContain(request => request.Headers.Values.Any(value => value.Contains("gho_")));
    }
}
