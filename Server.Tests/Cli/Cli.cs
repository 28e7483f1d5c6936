using System.Text.Json;
using MiniOAuth.Server.Cli;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Cli;

/// <summary>Runs an admin command in the test server's process, capturing what it prints.</summary>
internal static class Cli
{
    public static Task<(int Exit, string Out, string Error)> RunAsync(MiniOAuthApplication app, params string[] args) =>
        RunWithInputAsync(app, "", args);

    /// <summary>Runs an admin command with <paramref name="input"/> as its standard input.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunWithInputAsync(MiniOAuthApplication app, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var exit = await CommandLine.RunAsync(app.Services, args, output, error, reader);
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
