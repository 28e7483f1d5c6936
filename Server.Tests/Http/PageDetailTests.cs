using System.Net;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

/// <summary>What a new user meets on the server's pages: a kept username, errors that show what came, an icon, phone-sized pages.</summary>
public sealed class PageDetailTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AFailedLoginKeepsTheUsernameEncodedAndFocusesThePassword()
    {
        var browser = _app.CreateBrowser();
        var page = await browser.GetStringAsync("/oauth/login/");

        var response = await Pages.PostAsync(browser, "/oauth/login/",
            (Pages.TokenField, OAuthFlow.AntiforgeryToken(page)), ("username", "alice\"><b>"), ("password", "wrong"));

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Wrong username or password.");
        html.Should().Contain("name=\"username\" value=\"alice&quot;&gt;&lt;b&gt;\"").And.NotContain("<b>");
        html.Should().MatchRegex("id=\"password\"[^>]*autofocus");
    }

    [Fact]
    public async Task AnUnknownClientIdIsShownEncodedOnTheErrorPage()
    {
        var response = await _app.CreateBrowser().GetAsync(OAuthFlow.AuthorizePath(clientId: "<i>nope</i>"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Unknown client_id.").And.Contain("<code>&lt;i&gt;nope&lt;/i&gt;</code>").And.NotContain("<i>");
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriIsShownEncodedOnTheErrorPageButNotTheState()
    {
        var path = OAuthFlow.AuthorizePath(redirectUri: "http://evil.example/cb?x=<y>", state: "secret-state");

        var html = await (await _app.CreateBrowser().GetAsync(path)).Content.ReadAsStringAsync();

        html.Should().Contain("<code>http://evil.example/cb?x=&lt;y&gt;</code>").And.Contain($"<code>{Demo.ClientId}</code>");
        html.Should().NotContain("secret-state");
    }

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/oauth/static/icon.svg")]
    public async Task TheServerHasAnIconThatEveryPageNames(string path)
    {
        var icon = await _app.CreateBrowser().GetAsync(path);
        var home = await _app.CreateBrowser().GetStringAsync("/");

        icon.StatusCode.Should().Be(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await icon.Content.ReadAsStringAsync()).Should().StartWith("<svg");
        home.Should().Contain("<link rel=\"icon\" href=\"/oauth/static/icon.svg\"");
    }

    [Fact]
    public async Task OnPhonesTablesBecomeBlocksPagesKeepAGutterAndPreformattedTextWraps()
    {
        var css = await _app.CreateBrowser().GetStringAsync("/oauth/static/site.css");

        css.Should().Contain("main { width: min(34rem, 100% - 2rem);");
        css.Should().Contain("@media (max-width: 40rem)").And.Contain("table, tbody, tr, td { display: block; }");
        css.Should().Contain("pre { white-space: pre-wrap;");
    }
}
