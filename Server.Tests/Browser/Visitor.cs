using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// Someone at the browser, using both apps the way a person does: through links and buttons. Each
/// step waits for the page it leads to and photographs that page.
/// </summary>
/// <remarks>
/// Every wait is a web-first assertion (<c>Expect(…)</c>), which Playwright's driver retries until it
/// holds. <c>WaitForURLAsync</c> and <c>WaitForLoadStateAsync</c> wait for the load event in the .NET
/// client instead, which checks the page's state, then subscribes: a load that lands in between is
/// missed and the wait runs into its timeout (seen here once in about 40 runs, just after a redirect).
/// </remarks>
internal sealed class Visitor
{
    private readonly LiveApps apps;
    private readonly Screenshots screenshots;

    public Visitor(IPage page, LiveApps apps, Screenshots screenshots)
    {
        Page = page;
        this.apps = apps;
        this.screenshots = screenshots;
        Page.FrameNavigated += (_, frame) =>
        {
            if (frame == Page.MainFrame)
            {
                PagesShown.Add(frame.Url);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every page that was displayed, in order; redirects that were followed do not count.</summary>
    public List<string> PagesShown { get; } = [];

    /// <summary>The dashboard's "Your userdata" card.</summary>
    public ILocator UserDataCard =>
        Page.Locator("section", new PageLocatorOptions { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Your userdata" }) });

    public async Task OpenHomeAsync()
    {
        await Page.GotoAsync($"{apps.ClientBase}/");
        await TakeScreenshotAsync("client-home");
    }

    /// <summary>The home page's sign-in button leads to the server's login page.</summary>
    public async Task FollowSignInLinkAsync()
    {
        await Page.Locator("main a[href='/login']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(Starting($"{apps.ServerBase}/oauth/login/?returnUrl="));
        await Expect(Page.Locator("#username")).ToBeVisibleAsync();
        await TakeScreenshotAsync("server-login");
    }

    /// <summary>Fills in and submits the server's login form; where it leads is for the caller to wait for.</summary>
    public async Task SubmitLoginAsync(string username)
    {
        await Page.Locator("#username").FillAsync(username);
        await Page.Locator("#password").FillAsync(username + "pass");
        await Page.Locator("form[action='/oauth/login/'] button[type=submit]").ClickAsync();
    }

    public async Task WaitForConsentAsync()
    {
        await Expect(Page).ToHaveURLAsync(Starting($"{apps.ServerBase}/oauth/authorize/?"));
        await Expect(Page.Locator("button[name=decision][value=allow]")).ToBeVisibleAsync();
        await TakeScreenshotAsync("server-consent");
    }

    /// <summary>Presses Allow or Deny on the consent page; returns the client's answer at its callback.</summary>
    public Task<IResponse> DecideAsync(string decision) =>
        Page.RunAndWaitForResponseAsync(
            () => Page.Locator($"button[name=decision][value={decision}]").ClickAsync(),
            response => response.Url.StartsWith($"{apps.ClientBase}/callback?", StringComparison.Ordinal));

    public async Task WaitForDashboardAsync(string username)
    {
        await Expect(Page).ToHaveURLAsync($"{apps.ClientBase}/dashboard");
        await Expect(Page.Locator("main h1").First).ToHaveTextAsync($"Signed in as {username}");
        await TakeScreenshotAsync("client-dashboard");
    }

    /// <summary>Home, sign in, Allow: ends on the dashboard.</summary>
    public async Task SignInAndAllowAsync(string username)
    {
        await OpenHomeAsync();
        await FollowSignInLinkAsync();
        await SubmitLoginAsync(username);
        await WaitForConsentAsync();
        await DecideAsync("allow");
        await WaitForDashboardAsync(username);
    }

    /// <summary>Replaces the text in the userdata editor and presses Save; ends on the dashboard again.</summary>
    public async Task SaveUserDataAsync(string json)
    {
        await UserDataCard.Locator("textarea[name=userdata]").FillAsync(json);
        await TakeScreenshotAsync("client-userdata-edited");
        await UserDataCard.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(UserDataCard.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await TakeScreenshotAsync("client-userdata-saved");
    }

    /// <summary>The header's sign-out link: through the server's logout back to the client's home.</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("header a[href='/logout']").ClickAsync();
        await Expect(Page).ToHaveURLAsync($"{apps.ClientBase}/");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Sign in with MiniOAuth");
        await TakeScreenshotAsync("client-home-signed-out");
    }

    public Task TakeScreenshotAsync(string step) => screenshots.TakeAsync(Page, step);

    private static Regex Starting(string prefix) => new($"^{Regex.Escape(prefix)}");
}
