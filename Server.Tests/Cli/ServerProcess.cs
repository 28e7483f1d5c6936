extern alias ClientApp;

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
    /// <param name="app">The app's binary: the server's by default, or the Client's (<see cref="ClientDll"/>).</param>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(
        string[] args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? app = null)
    {
        var directory = Directory.CreateTempSubdirectory("minioauth-cli-");
        // Should the server start after all, it must not take a port another test or app uses.
        using var process = Start(directory, args, new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, app);
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
    public static Task<string?> ServeAsync(string[] args, IDictionary<string, string> environment, params string[] candidates) =>
        ServeAsync(args, environment, candidates, serving: null);

    /// <summary>The same, and runs <paramref name="serving"/> on the process while the server answers.</summary>
    public static async Task<string?> ServeAsync(
        string[] args, IDictionary<string, string> environment, string[] candidates, Func<Process, Task>? serving)
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
                            await (serving?.Invoke(process) ?? Task.CompletedTask);
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

    /// <summary>
    /// Starts the app on <paramref name="address"/>, waits for its start line (the first on stdout that
    /// begins with "MiniOAuth"; log lines may come before it), gives it a moment for more, stops it, and
    /// returns that line and everything it printed.
    /// </summary>
    public static async Task<(string? StartLine, string Out)> StartLineAsync(string address, IDictionary<string, string> environment, string? app = null)
    {
        var directory = Directory.CreateTempSubdirectory("minioauth-start-");
        using var process = Start(directory, ["--urls", address], environment, app);
        var output = new List<string>();
        var first = new TaskCompletionSource<string?>();
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.Add(line.Data ?? "");
            }

            if (line.Data is null || line.Data.StartsWith("MiniOAuth", StringComparison.Ordinal))
            {
                first.TrySetResult(line.Data);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            var line = await first.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));
            lock (output)
            {
                return (line, string.Join('\n', output));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The Client app's binary, to run it as a process of its own.</summary>
    public static string ClientDll => typeof(ClientApp::Program).Assembly.Location;

    /// <summary>A port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(DirectoryInfo directory, string[] args, IDictionary<string, string> environment, string? app = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(app ?? typeof(Program).Assembly.Location);
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
