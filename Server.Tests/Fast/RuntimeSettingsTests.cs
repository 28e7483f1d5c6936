using System.Text.Json;
using MiniOAuth.Tests.Cli;

namespace MiniOAuth.Tests.Fast;

/// <summary>
/// The settings that keep the server's peak memory down (bench/README.md, "Peak memory"): they live in
/// the app itself, so every way of starting it has them, and a change that drops one fails here.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheRuntimeConfigAsksForTheWorkstationGc()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "MiniOAuth.Server.runtimeconfig.json");

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.GC.Server").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task ARunningServerLoadsNeitherIisNorHttp3NorMvc()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var address = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        var maps = "";

        var answered = await ServerProcess.ServeAsync(["--urls", address], new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, [address],
            async process => maps = await File.ReadAllTextAsync($"/proc/{process.Id}/maps"));

        answered.Should().Be(address);
        maps.Should().Contain("Microsoft.AspNetCore.Server.Kestrel.Core.dll", "the maps are those of a serving server")
            .And.NotContain("Microsoft.AspNetCore.Server.IIS.dll")
            .And.NotContain("System.Net.Quic.dll")
            .And.NotContain("Microsoft.AspNetCore.Mvc.Core.dll");
    }
}
