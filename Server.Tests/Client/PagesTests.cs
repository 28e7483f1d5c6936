using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace MiniOAuth.Tests.Client;

/// <summary>What every page of the client promises the browser.</summary>
public sealed class PagesTests : IDisposable
{
    private readonly ClientAppFactory app = new(ClientAppFactory.ExplicitEndpoints("http://as.test"), () => BackChannel.Silent());

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task TheHomePageOffersSignInAndAllowsNoScriptsOrInlineStyles()
    {
        var home = await app.Browser().GetAsync("/");

        var page = await home.Content.ReadAsStringAsync();
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("href=\"/login\"").And.Contain("href=\"/site.css\"");
        page.Should().NotContain("<script").And.NotContain("style=").And.NotContain("<style");
        var policy = home.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("style-src 'self'").And.Contain("frame-ancestors 'none'");
        home.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        home.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    [Fact]
    public async Task TheStylesheetIsServedByTheApp()
    {
        var css = await app.Browser().GetAsync("/site.css");

        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        (await css.Content.ReadAsStringAsync()).Should().Contain("@media").And.Contain("white-space: pre-wrap", "a <pre> wraps on a phone");
    }

    [Fact]
    public async Task AnUnknownAddressGetsAPageThatLinksHome()
    {
        var missing = await app.Browser().GetAsync("/no-such-page");

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await missing.Content.ReadAsStringAsync()).Should().Contain("Page not found").And.Contain("href=\"/\"");
    }

    [Fact]
    public async Task EveryPageNamesTheIconAndTheAppServesIt()
    {
        var home = await (await app.Browser().GetAsync("/")).Content.ReadAsStringAsync();
        var icon = await app.Browser().GetAsync("/favicon.svg");

        home.Should().Contain("<link rel=\"icon\" href=\"/favicon.svg\"");
        icon.StatusCode.Should().Be(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
    }

    [Fact]
    public void CallsToTheProviderAreNotLoggedLineByLineByDefault()
    {
        var logs = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();

        logs.CreateLogger("System.Net.Http.HttpClient.minioauth.LogicalHandler")
            .IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information).Should().BeFalse();
        logs.CreateLogger("System.Net.Http.HttpClient.minioauth.LogicalHandler")
            .IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning).Should().BeTrue();
    }

    [Fact]
    public async Task TheUserdataFormIsRefusedWithoutASession()
    {
        var post = await app.Browser().PostAsync("/dashboard/userdata", new FormUrlEncodedContent([new("userdata", "{}")]));

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        post.Headers.Location!.OriginalString.Should().Be("/");
    }
}
