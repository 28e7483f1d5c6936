using System.Text.Json;
using MiniOAuth.Server.Data;

namespace MiniOAuth.Server.Cli;

/// <summary>One admin command: its usage line, its options, and what it does.</summary>
internal sealed record Command(
    string Name, string Summary, string Usage, string[] ValueOptions, string[] Flags,
    Func<CommandContext, Task<int>> Run);

/// <summary>What a command works with.</summary>
internal sealed record CommandContext(IServiceProvider Services, CommandArguments Arguments, TextWriter Out, TextWriter Error, TextReader In)
{
    public bool Json => Arguments.Has("--json");

    /// <summary>Writes a result: JSON with <c>--json</c>, else one <c>key: value</c> line per field.</summary>
    public void Write(IReadOnlyDictionary<string, object?> result)
    {
        if (Json)
        {
            Out.WriteLine(JsonSerializer.Serialize(result));
            return;
        }

        foreach (var (key, value) in result)
        {
            Out.WriteLine($"{key}: {(value is IEnumerable<string> list ? string.Join(' ', list) : value)}");
        }
    }

    public int Fail(string message, int exitCode = 1)
    {
        Error.WriteLine($"error: {message}");
        return exitCode;
    }
}

/// <summary>
/// The admin command line on the server's own binary:
/// <c>dotnet run --project Server -- &lt;command&gt; [options]</c>. Exit codes: 0 done, 1 failed, 2 bad arguments.
/// </summary>
internal static class CommandLine
{
    public const int UsageError = 2;

    private static readonly Dictionary<string, Command> Commands = AdminCommands.All.ToDictionary(c => c.Name);

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(
        IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        var stdout = output ?? Console.Out;
        var stderr = error ?? Console.Error;
        if (!Commands.TryGetValue(args[0], out var command))
        {
            PrintHelp(stdout);
            return 0;
        }

        if (args.Skip(1).Contains("--help"))
        {
            stdout.WriteLine($"{command.Summary}\n\nusage: {command.Usage}");
            return 0;
        }

        var (arguments, problem) = CommandArguments.Parse(args.Skip(1), command.ValueOptions, [.. command.Flags, "--json"]);
        if (arguments is null)
        {
            stderr.WriteLine($"error: {problem}\nusage: {command.Usage}");
            return UsageError;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
        await using (await StartupLock.AcquireAsync(db))
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        return await command.Run(new CommandContext(scope.ServiceProvider, arguments, stdout, stderr, input ?? Console.In));
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("usage: dotnet run --project Server -- <command> [options] [--json]\n\ncommands:");
        foreach (var command in Commands.Values)
        {
            output.WriteLine($"  {command.Name,-22}{command.Summary}");
        }

        output.WriteLine("\n<command> --help shows its options.");
    }
}
