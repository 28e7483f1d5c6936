using System.Diagnostics;

namespace MiniOAuth.Tests.Cli;

/// <summary>
/// Runs the server's own binary in a process of its own, as <c>dotnet MiniOAuth.Server.dll …</c> does,
/// on a SQLite file in a fresh directory: for what only a real process shows (what reaches stdout,
/// whether the web server starts).
/// </summary>
internal static class ServerProcess
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(
        string[] args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var directory = Directory.CreateTempSubdirectory("minioauth-cli-");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory.FullName, "cli.db")}";
        start.Environment["Database__Provider"] = "Sqlite";
        // Should the server start after all, it must not take a port another test or app uses.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' was still running: it started the server. stdout: {await output}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        return (process.ExitCode, await output, await error);
    }
}
