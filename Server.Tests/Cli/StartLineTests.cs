using System.Net;
using System.Net.Sockets;

namespace MiniOAuth.Tests.Cli;

/// <summary>What each app prints in a terminal: one line with its address, or one line when its port is taken.</summary>
public sealed class StartLineTests
{
    private static readonly Dictionary<string, string> Development = new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" };

    [Theory]
    [InlineData("server")]
    [InlineData("client")]
    public async Task ATakenPortIsOneLineNamingItAndTheSettingThenExitCode1(string app)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://localhost:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var (exit, output, error) = await ServerProcess.RunAsync(["--urls", address], Development, app: Dll(app));

        exit.Should().Be(1);
        error.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().StartWith($"error: {address} is in use by another program").And.Contain("--urls").And.Contain("Other ports");
        (output + error).Should().NotContain("Exception").And.NotContain("   at ");
    }

    [Fact]
    public async Task TheServerSaysWhereItListensAndWhereToTryTheFlowInOneLine()
    {
        var address = $"http://127.0.0.1:{ServerProcess.FreePort()}";

        var (line, output) = await ServerProcess.StartLineAsync(address, Development);

        line.Should().Be($"MiniOAuth server on {address} — open http://localhost:5000 to try the flow");
        output.Should().NotContain("Microsoft.Hosting.Lifetime", "ASP.NET Core's own five start-up lines are off");
    }

    [Fact]
    public async Task TheClientSaysWhereItListensInOneLine()
    {
        var address = $"http://127.0.0.1:{ServerProcess.FreePort()}";

        var (line, output) = await ServerProcess.StartLineAsync(address, Development, ServerProcess.ClientDll);

        line.Should().StartWith($"MiniOAuth client on {address} — ");
        output.Should().NotContain("Microsoft.Hosting.Lifetime");
    }

    private static string? Dll(string app) => app == "client" ? ServerProcess.ClientDll : null;
}
