using Microsoft.Playwright;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// One Chromium for a test class, started by the first test that asks for it: a class whose tests
/// are all skipped starts nothing. Each test gets its own context, so no cookies are shared.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    // The first page of each app comes with JIT and EF Core model building, slow on a busy 2-core CI machine;
    // Playwright's default of 5 s for assertions is not enough there.
    static ChromiumFixture() => Assertions.SetDefaultExpectTimeout(30_000);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task<IBrowserContext> NewContextAsync()
    {
        if (!Chromium.IsInstalled)
        {
            throw new InvalidOperationException($"{Chromium.RequireVariable}=1 but the browser tests cannot run. {Chromium.Missing}");
        }

        playwright ??= await Playwright.CreateAsync();
        browser ??= await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        return await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
