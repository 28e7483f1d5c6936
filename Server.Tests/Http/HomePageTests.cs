using System.Net;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

/// <summary>GET /: a page for people who open the server's address, saying what it is and where to go.</summary>
public sealed class HomePageTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AVisitorSeesWhatTheServerIsAndLinksToEveryPageAndDocument()
    {
        var response = await _app.CreateBrowser().GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("OAuth 2.0 authorization server");
        foreach (var link in new[] { "/oauth/login/", "/oauth/register/", "/oauth/account/", "/.well-known/oauth-authorization-server", "/oauth/jwks/" })
        {
            html.Should().Contain($"href=\"{link}", link);
        }

        html.Should().NotContain("href=\"/oauth/admin/");
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("alice", false)]
    public async Task OnlyAnAdministratorSeesTheAdminConsoleLink(string username, bool shown)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser, username, username + "pass");

        var html = await browser.GetStringAsync("/");

        html.Contains("href=\"/oauth/admin/").Should().Be(shown);
        html.Should().Contain($"Signed in as <strong>{username}</strong>").And.Contain("href=\"/oauth/account/");
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task OnlyInDevelopmentTheHomePageLinksToTheDemoClientApp(string environment, bool shown)
    {
        using var app = new MiniOAuthApplication(environment: environment);
        var browser = app.CreateClient(new() { BaseAddress = new Uri("https://localhost/") });

        var html = await browser.GetStringAsync("/");

        html.Contains("href=\"http://localhost:5000\"").Should().Be(shown);
    }
}
