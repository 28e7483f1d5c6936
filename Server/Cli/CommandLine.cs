using System.Text.Json;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Options;

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
            var text = value switch
            {
                bool flag => flag ? "true" : "false",
                IEnumerable<string> list => string.Join(' ', list),
                _ => value,
            };
            Out.WriteLine($"{key}: {text}");
        }
    }

    public int Fail(string message)
    {
        Error.WriteLine($"error: {message}");
        return 1;
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

    // What may come first instead of a command: the host's own settings (WebHostDefaults, HostDefaults),
    // and the sections of the configuration, as in `--OAuth:Issuer=U` (WebApplicationFactory passes `--OAuth=` too).
    private static readonly HashSet<string> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "contentRoot", "applicationName", "webroot", "http_ports", "https_ports", "https_port",
        "AllowedHosts", "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "suppressStatusMessages",
        "preferHostingUrls", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup",
        "Logging", "Kestrel", "ConnectionStrings", OAuthOptions.Section, SecurityOptions.Section, RateLimitOptions.Section,
        UserDataOptions.Section, CleanupOptions.Section, DatabaseOptions.Section, ReverseProxyOptions.Section,
    };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || IsHelp(args[0]));

    /// <summary>
    /// Whether the arguments start the web server: none, or a setting first (<c>--urls U</c>,
    /// <c>--environment=E</c>, a configuration key such as <c>--OAuth:Issuer U</c>). Anything else is a
    /// command, or a mistake that must not start a server (a misspelled command, <c>--name x</c>).
    /// </summary>
    public static bool StartsTheServer(string[] args)
    {
        if (args.Length == 0)
        {
            return true;
        }

        // The forms that ASP.NET Core's command-line configuration reads: --key, /key, key=value.
        var first = args[0];
        var key = first.StartsWith("--", StringComparison.Ordinal) ? first[2..]
            : first.StartsWith('/') ? first[1..]
            : first.Contains('=') ? first
            : null;
        return key is not null && Settings.Contains(key.Split('=', 2)[0].Split(':')[0]);
    }

    /// <summary>The answer to a first argument that is neither a command nor a host setting: the usage, exit code 2.</summary>
    public static int UnknownCommand(string name, TextWriter error)
    {
        error.WriteLine($"error: unknown command '{name}'\n");
        PrintHelp(error);
        return UsageError;
    }

    public static async Task<int> RunAsync(
        IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        var stdout = output ?? Console.Out;
        var stderr = error ?? Console.Error;
        if (IsHelp(args[0]))
        {
            PrintHelp(stdout);
            return 0;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            return UnknownCommand(args[0], stderr);
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

    private static bool IsHelp(string arg) => arg is "help" or "--help" or "-h";

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("usage: dotnet run --project Server -- <command> [options] [--json]\n\ncommands:");
        foreach (var command in Commands.Values)
        {
            output.WriteLine($"  {command.Name,-22}{command.Summary}");
        }

        output.WriteLine("\n<command> --help shows its options. Without a command the server starts; host settings such as"
            + "\n--urls http://localhost:8123 or --OAuth:Issuer=https://id.example may then be given.");
    }
}
