using System.Net;

namespace MiniOAuth.Tests.Client;

/// <summary>An authorization server that does not answer gives a 502 page, never a stack trace.</summary>
public sealed class UnreachableServerTests
{
    [Fact]
    public async Task LoginIs502WhenDiscoveryCannotReachTheServer()
    {
        using var app = new ClientAppFactory(new Dictionary<string, string?> { ["Client:Authority"] = ClientAppFactory.ClosedAuthority() });

        var login = await app.Browser().GetAsync("/login");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(login, HttpStatusCode.BadGateway, "could not be reached");
        page.Should().Contain("127.0.0.1");
    }

    [Fact]
    public async Task TheCallbackIs502WhenTheTokenEndpointCannotBeReached()
    {
        using var app = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints(ClientAppFactory.ClosedAuthority()));
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=some-code&state={query["state"]}");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadGateway, "could not be reached");
        page.Should().Contain("How this worked").And.Contain("sent the browser back to /callback");
    }

    [Fact]
    public async Task SignedInWithTheProviderDownThePageSaysSoAndOffersARetryAndSignOut()
    {
        var down = false;
        var channel = new BackChannel(request => down
            ? throw new HttpRequestException("Connection refused")
            : FakeProviders.AnswerAsync(request));
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        var browser = app.Browser();
        (await FakeProviders.SignInAsync(browser, "/login?provider=hub", "/callback/hub")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        down = true;
        var dashboard = await browser.GetAsync("/dashboard");

        dashboard.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var page = await dashboard.Content.ReadAsStringAsync();
        page.Should().Contain("Signed in; the authorization server is unreachable")
            .And.Contain("href=\"/dashboard\">Try again").And.Contain("href=\"/logout\">Sign out")
            .And.NotContain("href=\"/login\">Sign in</a>");
    }
}
