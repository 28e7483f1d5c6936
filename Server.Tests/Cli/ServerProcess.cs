using System.Diagnostics;

namespace MiniOAuth.Tests.Cli;

/// <summary>
/// Runs the server's own binary in a process of its own, as <c>dotnet MiniOAuth.Server.dll …</c> does,
/// on a SQLite file in a fresh directory: for what only a real process shows (what reaches stdout,
/// whether the web server starts).
/// </summary>
internal static class ServerProcess
{
    /// <summary>Runs the binary with <paramref name="args"/> and waits for it to exit.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(
        string[] args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var directory = Directory.CreateTempSubdirectory("minioauth-cli-");
        // Should the server start after all, it must not take a port another test or app uses.
        using var process = Start(directory, args, new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });
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

    /// <summary>Starts the server and returns the first address of <paramref name="candidates"/> at which /healthz answers, or null.</summary>
    public static async Task<string?> ServeAsync(string[] args, IDictionary<string, string> environment, params string[] candidates)
    {
        var directory = Directory.CreateTempSubdirectory("minioauth-serve-");
        using var process = Start(directory, args, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            for (var attempt = 0; attempt < 120 && !process.HasExited; attempt++)
            {
                foreach (var address in candidates)
                {
                    try
                    {
                        if ((await http.GetAsync(address + "/healthz")).IsSuccessStatusCode)
                        {
                            return address;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                }

                await Task.Delay(250);
            }

            return null;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(DirectoryInfo directory, string[] args, IDictionary<string, string> environment)
    {
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

        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory.FullName, "server.db")}";
        start.Environment["Database__Provider"] = "Sqlite";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
