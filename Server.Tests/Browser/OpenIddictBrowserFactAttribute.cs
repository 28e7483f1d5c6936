namespace MiniOAuth.Tests.Browser;

/// <summary>
/// A browser test that also needs the benchmark's OpenIddict server built (<see cref="OpenIddictPeer"/>). Where
/// Chromium or that build is missing it is reported as skipped, with how to get it; with
/// <c>MINIOAUTH_REQUIRE_BROWSER=1</c> it runs anyway and fails, so CI never skips it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenIddictBrowserFactAttribute : BrowserFactAttribute
{
    public OpenIddictBrowserFactAttribute()
    {
        if (Skip is null && !Chromium.IsRequired && OpenIddictPeer.Find() is null)
        {
            Skip = $"{OpenIddictPeer.Missing} Set {Chromium.RequireVariable}=1 to make this a failure.";
        }
    }
}
