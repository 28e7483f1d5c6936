using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Lifecycle;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// The README's web app (<see cref="WebAppSnippet"/>) signs a user in through the real server's login
/// and consent pages, in one browser that holds both sites' cookies, and keeps the tokens.
/// </summary>
public sealed class WebAppSnippetTests
{
    private const string AppUrl = "http://localhost:5001";

    [Fact]
    public async Task AUserSignsInThroughTheServersPagesAndTheAppKeepsTheTokens()
    {
        await using var host = await StartAsync();
        var browser = BrowserFor(host);

        var home = await SignInAsync(browser);

        home.Status.Should().Be(HttpStatusCode.OK, home.Html);
        home.Url.Should().Be(new Uri(AppUrl + "/"));
        home.Html.Should().Be("Hello alice");
        var saved = JsonDocument.Parse((await browser.GetAsync(AppUrl + "/tokens")).Html).RootElement;
        (await Pages.UserInfoStatusAsync(host.Server, saved.GetProperty("access_token").GetString()!)).Should().Be(HttpStatusCode.OK);
        var refresh = await LifecycleFlow.IntrospectionOf(host.Server.CreateClient(), saved.GetProperty("refresh_token").GetString()!, host.Client);
        refresh.GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task EveryCookieOfTheAppIsOneThatABrowserKeepsOnPlainHttp()
    {
        await using var host = await StartAsync();
        var browser = BrowserFor(host);

        await SignInAsync(browser);

        browser.AppCookies.Should().Contain(c => c.StartsWith(".AspNetCore.Correlation.")).And.Contain(c => c.StartsWith("myapp="));
        browser.AppCookies.Select(Attributes).Should().AllSatisfy(attributes =>
            attributes.Should().NotContain("secure").And.Contain("samesite=lax"));
    }

    private static async Task<BrowserPage> SignInAsync(TwoSiteBrowser browser)
    {
        var login = await browser.GetAsync(AppUrl + "/");
        login.Url.AbsolutePath.Should().Be("/oauth/login/", login.Html);
        var consent = await browser.SubmitAsync(login, ("username", "alice"), ("password", "alicepass"));
        consent.Html.Should().Contain("Allow My app to access your account?");
        return await browser.SubmitAsync(consent, ("decision", "allow"));
    }

    private static Task<SnippetHost> StartAsync() =>
        SnippetHost.StartAsync(WebAppSnippet.Build, ["--name", "My app", "--redirect-uri", AppUrl + "/signin-minioauth"], app =>
            // A lambda of HttpContext alone that returns a Task would be taken as a RequestDelegate, its result dropped.
            app.MapGet("/tokens", async Task<Dictionary<string, string?>> (HttpContext http) => new()
            {
                ["access_token"] = await http.GetTokenAsync("access_token"),
                ["refresh_token"] = await http.GetTokenAsync("refresh_token"),
            }).RequireAuthorization());

    private static TwoSiteBrowser BrowserFor(SnippetHost host) =>
        new(host.Server.Server.CreateHandler(), host.App.GetTestServer().CreateHandler());

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
}
