using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// Chromium clicks through both apps on real ports: the client's home, the server's login and
/// consent pages, the dashboard and its userdata editor, and sign-out. Screenshots of every page
/// land in <c>screenshots/&lt;test&gt;/</c> of the test output folder.
/// </summary>
public sealed class BrowserFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext? context;
    private LiveApps? apps;
    private Visitor? visitor;

    [BrowserFact]
    public async Task AliceSignsInAllowsTheAppEditsHerUserdataAndSignsOut()
    {
        var alice = await OpenBrowserAsync();

        await alice.SignInAndAllowAsync("alice");
        var userId = await alice.Page.Locator("dl.facts code").TextContentAsync();
        await Expect(alice.Page.Locator("dl.facts")).ToContainTextAsync("alice@example.com");
        await Expect(alice.UserDataCard.Locator("pre")).ToHaveTextAsync("{}");
        await alice.SaveUserDataAsync("""{"theme": "dark", "languages": ["en", "fr"]}""");
        await Expect(alice.UserDataCard.Locator("pre")).ToContainTextAsync("\"theme\": \"dark\"");
        await alice.SignOutAsync();

        await Expect(alice.Page.Locator("header a[href='/logout']")).ToHaveCountAsync(0);
        await Expect(alice.Page.Locator("main a[href='/login']")).ToBeVisibleAsync();
        var stored = await apps!.StoredUserDataAsync(userId!);
        stored.GetProperty("theme").GetString().Should().Be("dark");
        stored.GetProperty("languages").GetArrayLength().Should().Be(2);
    }

    [BrowserFact]
    public async Task DenyingConsentEndsOnTheClientsErrorPageWithAccessDenied()
    {
        var alice = await OpenBrowserAsync();
        await alice.OpenHomeAsync();
        await alice.FollowSignInLinkAsync();
        await alice.SubmitLoginAsync("alice");
        await alice.WaitForConsentAsync();

        var callback = await alice.DecideAsync("deny");
        await Expect(alice.Page.Locator("main h1")).ToHaveTextAsync("Access was not granted");
        await alice.TakeScreenshotAsync("client-error");

        callback.Status.Should().Be((int)HttpStatusCode.BadRequest);
        alice.Page.Url.Should().StartWith($"{apps!.ClientBase}/callback?");
        await Expect(alice.Page.Locator("main")).ToContainTextAsync("error=access_denied");
    }

    [BrowserFact]
    public async Task SigningInAgainAfterSigningOutSkipsTheConsentPage()
    {
        var alice = await OpenBrowserAsync();
        await alice.SignInAndAllowAsync("alice");
        await alice.SignOutAsync();
        await alice.FollowSignInLinkAsync();
        var shownBefore = alice.PagesShown.Count;

        await alice.SubmitLoginAsync("alice");
        await alice.WaitForDashboardAsync("alice");

        alice.PagesShown.Skip(shownBefore).Should().Equal($"{apps!.ClientBase}/dashboard");
    }

    [BrowserFact]
    public async Task SigningInWithAnotherProviderFoundByDiscoveryAndOutEndsOnTheClientsHomeWithNoErrorOnTheWay()
    {
        var alice = await OpenBrowserAsync(withSecondProvider: true);
        var pages = new List<(string Url, int Status)>();
        alice.Page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest)
            {
                pages.Add((response.Url, response.Status));
            }
        };

        await alice.OpenHomeAsync();
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Second MiniOAuth" }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(apps!.SecondBase!)}/oauth/login/"));
        await alice.SubmitLoginAsync("alice");
        await alice.Page.Locator("button[name=decision][value=allow]").ClickAsync();
        await alice.WaitForDashboardAsync("alice");
        await Expect(alice.Page.Locator("dl.facts")).ToContainTextAsync("Second MiniOAuth");
        await Expect(alice.UserDataCard.Locator("pre")).ToHaveTextAsync("{}");
        await alice.SignOutAsync();

        pages.Should().Contain(page => page.Url.StartsWith($"{apps.SecondBase}/oauth/logout/"));
        pages.Should().OnlyContain(page => page.Status < 400, "no page on the way is an error");
    }

    [OpenIddictBrowserFact]
    public async Task AliceSignsInThroughOpenIddictFoundByDiscoveryAloneAndSignsOutWithNo404OnTheWay()
    {
        var alice = await OpenBrowserAsync(withOpenIddict: true);
        var peer = apps!.OpenIddict!.Base;
        var responses = new List<(string Url, int Status)>();
        alice.Page.Response += (_, response) => responses.Add((response.Url, response.Status));

        await alice.OpenHomeAsync();
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with OpenIddict" }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(peer)}/oauth/login/"));
        await alice.TakeScreenshotAsync("openiddict-login");
        await alice.Page.GetByLabel("Username").FillAsync("alice");
        await alice.Page.GetByLabel("Password").FillAsync("alicepass");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await alice.WaitForDashboardAsync("alice");
        await Expect(alice.Page.Locator("dl.facts")).ToContainTextAsync("alice@example.com");
        await alice.SignOutAsync();

        await Expect(alice.Page.Locator("main a[href='/login?provider=openiddict']")).ToBeVisibleAsync();
        await Expect(alice.Page.Locator(".notice")).ToHaveCountAsync(0);
        responses.Should().Contain(response => response.Url.StartsWith($"{peer}/oauth/logout/?") && response.Status == 302,
            "the browser signs out of OpenIddict through its end-session endpoint");
        responses.Should().NotContain(response => response.Status == 404, "no response on the way is a 404");
    }

    /// <summary>The browser first, so that a missing Chromium fails before the apps are started.</summary>
    private async Task<Visitor> OpenBrowserAsync(
        bool withSecondProvider = false, bool withOpenIddict = false, [CallerMemberName] string test = "")
    {
        context = await chromium.NewContextAsync();
        apps = await LiveApps.StartAsync(withSecondProvider, withOpenIddict);
        visitor = new Visitor(await context.NewPageAsync(), apps, new Screenshots(test));
        return visitor;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The page the test ended on, passed or failed: the one to look at when it failed.
        if (visitor is not null)
        {
            await visitor.TakeScreenshotAsync("last");
        }

        if (context is not null)
        {
            await context.DisposeAsync();
        }

        apps?.Dispose();
    }
}
