using System.Text.Json;
using MiniOAuth.Server.Cli;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Cli;

/// <summary>Runs an admin command in the test server's process, capturing what it prints.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(MiniOAuthApplication app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command with <c>--json</c>, expects success, and parses what it printed.</summary>
    public static async Task<JsonElement> JsonAsync(MiniOAuthApplication app, params string[] args)
    {
        var (exit, output, error) = await RunAsync(app, [.. args, "--json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement;
    }
}
