using Microsoft.Playwright;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright without a browser download. Where it is missing the
/// browser tests are skipped, unless <c>MINIOAUTH_REQUIRE_BROWSER=1</c> (CI) makes that a failure.
/// </summary>
internal static class Chromium
{
    public const string PathVariable = "MINIOAUTH_CHROMIUM";
    public const string RequireVariable = "MINIOAUTH_REQUIRE_BROWSER";
    public const string DefaultPath = "/usr/bin/chromium";
    public const string InstallCommand = "apt-get update && apt-get install -y --no-install-recommends chromium";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string Missing =>
        $"No Chromium at {ExecutablePath}. Install it with `{InstallCommand}`, or set {PathVariable} to a Chromium binary.";

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // Without the networking switches Chromium keeps calling home, which a closed network makes slow.
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    };
}
