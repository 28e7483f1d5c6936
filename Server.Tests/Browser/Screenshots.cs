using Microsoft.Playwright;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// Every page a test sees, numbered in order, under <c>screenshots/&lt;test&gt;/</c> in the test
/// output folder, so that a failure can be looked at rather than guessed.
/// </summary>
internal sealed class Screenshots
{
    private int taken;

    public Screenshots(string test)
    {
        Folder = Path.Combine(AppContext.BaseDirectory, "screenshots", test);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public Task TakeAsync(IPage page, string step) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{++taken:00}-{step}.png"), FullPage = true });
}
