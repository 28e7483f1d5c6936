using System.Text.Json;

namespace MiniOAuth.Tests.Cli;

/// <summary>The binary as a user starts it: a mistyped command serves nothing, and --json output can be piped.</summary>
public sealed class ServerProcessTests
{
    [Theory]
    [InlineData("create-clinet", "--name", "x")]
    [InlineData("--name", "x")]
    [InlineData("list-client")]
    public async Task AnUnknownCommandPrintsTheUsageAndExits2WithoutStartingTheServer(params string[] args)
    {
        var (exit, output, error) = await ServerProcess.RunAsync(args, timeout: TimeSpan.FromSeconds(30));

        exit.Should().Be(2);
        error.Should().StartWith($"error: unknown command '{args[0]}'").And.Contain("usage:").And.Contain("create-client");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task JsonOutputIsOneJsonDocumentEvenWithEveryLogLineOn()
    {
        var logging = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Trace",
        };

        var (exit, output, error) = await ServerProcess.RunAsync(["list-clients", "--json"], logging);

        exit.Should().Be(0, error);
        JsonDocument.Parse(output).RootElement.ValueKind.Should().Be(JsonValueKind.Array);
        error.Should().NotBeEmpty("the log lines go to stderr");
    }

    [Fact]
    public async Task AspNetCoreUrlsWinsOverTheUrlsOfAppSettings()
    {
        var address = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address, ["ASPNETCORE_ENVIRONMENT"] = "Development" };

        var answered = await ServerProcess.ServeAsync([], environment, address);

        answered.Should().Be(address);
    }

    [Fact]
    public async Task TheUrlsArgumentWinsOverAspNetCoreUrls()
    {
        var (wanted, other) = ($"http://127.0.0.1:{ServerProcess.FreePort()}", $"http://127.0.0.1:{ServerProcess.FreePort()}");
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = other, ["ASPNETCORE_ENVIRONMENT"] = "Development" };

        var answered = await ServerProcess.ServeAsync(["--urls", wanted], environment, wanted, other);

        answered.Should().Be(wanted);
    }
}
