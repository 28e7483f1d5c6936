extern alias ClientApp;

using System.Net;
using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

/// <summary>The callback's refusals, which must happen before, and instead of, any call to the server.</summary>
public sealed class CallbackWithoutServerTests : IDisposable
{
    private const string Authority = "http://as.test";
    private readonly BackChannel channel = BackChannel.Silent();
    private readonly ClientAppFactory app;

    public CallbackWithoutServerTests() => app = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints(Authority), () => channel);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AWrongStateIs400AndNothingIsExchanged()
    {
        var browser = app.Browser();
        await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=stolen-code&state={RandomToken.Create()}");

        await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "does not belong to this sign-in");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AMissingStateIs400AndNothingIsExchanged()
    {
        var browser = app.Browser();
        await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync("/callback?code=some-code");

        await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "no state");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ACallbackInABrowserThatStartedNoLoginIs400()
    {
        var attacker = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(attacker);

        var callback = await app.Browser().GetAsync($"/callback?code=attacker-code&state={query["state"]}");

        await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "No sign-in in progress");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AStateOlderThanTenMinutesIs400()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        var callback = await browser.GetAsync($"/callback?code=late-code&state={query["state"]}");

        await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "took too long");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AccessDeniedIs400WithAWayBackHome()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?error=access_denied&error_description=The+user+said+no&state={query["state"]}");

        var page = await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "Access was not granted");
        page.Should().Contain("error=access_denied: The user said no");
        page.Should().Contain("How this worked").And.Contain("Sent the browser to the authorization endpoint")
            .And.Contain("sent the browser back to /callback", "the steps up to the failure are where a learner needs them");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AnAnswerFromAnotherIssuerIs400()
    {
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=mixed-up&state={query["state"]}&iss=http%3A%2F%2Fevil.example");

        await ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "came from another server");
        channel.Requests.Should().BeEmpty();
    }

    internal static async Task<string> ShouldBeErrorPage(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        page.Should().Contain(System.Net.WebUtility.HtmlEncode(words)).And.Contain("href=\"/\"");
        page.Should().NotContain("Exception").And.NotContain(" at MiniOAuth");
        return page;
    }
}
