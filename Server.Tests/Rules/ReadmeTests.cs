namespace MiniOAuth.Tests.Rules;

/// <summary>What a new user looks up in the README (and CI prints) is there.</summary>
public sealed class ReadmeTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [Theory]
    [InlineData("Authority")]
    [InlineData("ClientId")]
    [InlineData("ClientSecret")]
    [InlineData("ApiKey")]
    [InlineData("RedirectUri")]
    [InlineData("Scopes")]
    public void TheClientsSettingsTableHasEachKey(string key)
    {
        var table = Section("### The Client's settings");

        table.Should().Contain($"| `Client:{key}` |").And.Contain("Client__");
    }

    [Fact]
    public void EverySeedStepHasARowSayingWhatDiffers()
    {
        var section = Section("## From the seed walkthrough to MiniOAuth");

        foreach (var step in new[] { "| Variables |", "| 1. ", "| 2. ", "| 3. ", "| 4. ", "| 5. ", "| 6. ", "| 7. " })
        {
            section.Should().Contain(step);
        }
    }

    [Fact]
    public void OtherPortsNamesEverySettingThatMovesThePair()
    {
        var section = Section("## Other ports");

        foreach (var setting in new[] { "`Urls`", "`OAuth:Issuer`", "`Client:Authority`", "`Client:RedirectUri`", "launchSettings.json", "Demo client" })
        {
            section.Should().Contain(setting);
        }
    }

    [Fact]
    public void HttpyacsExitCodesAndHowToSeeSkipReasonsAreStated()
    {
        Readme.Should().Contain("exits 0 when").And.Contain("20 when one fails").And.Contain("10 when a request could not be sent");
        Readme.Should().Contain("--logger \"console;verbosity=detailed\"");
        File.ReadAllText(Path.Combine(Root, ".ci", "run")).Should().Contain("--logger \"console;verbosity=detailed\"");
    }

    private static string Section(string heading)
    {
        var start = Readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the README has a section '{heading}'");
        var next = Readme.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? Readme[start..] : Readme[start..next];
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MiniOAuth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MiniOAuth.sln not found above the test binaries");
    }
}
