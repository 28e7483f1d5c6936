namespace MiniOAuth.Tests.Browser;

/// <summary>
/// A test that needs Chromium. Where none is found it is reported as skipped, with how to install
/// it; with <c>MINIOAUTH_REQUIRE_BROWSER=1</c> it runs anyway and fails, so CI never skips it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired)
        {
            Skip = $"{Chromium.Missing} Set {Chromium.RequireVariable}=1 to make this a failure.";
        }
    }
}
