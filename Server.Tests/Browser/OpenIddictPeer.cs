using System.Collections.Concurrent;
using System.Diagnostics;

namespace MiniOAuth.Tests.Browser;

/// <summary>
/// The OpenIddict server of the benchmark (<c>bench/peers/OpenIddictPeer</c>) as a foreign provider: run from its
/// build output as a process of its own, on 127.0.0.1 (so the browser keeps its cookies apart from the apps on
/// localhost) and on a fresh SQLite file. Its demo data registers the client app as <see cref="ClientId"/>, with
/// the callback <c>/callback/openiddict</c> and the home page under <c>ClientApp:Url</c> for after logout.
/// </summary>
internal sealed class OpenIddictPeer : IDisposable
{
    public const string ClientId = "minioauth-client";
    public const string ClientSecret = "minioauth-client-secret";
    public const string BuildCommand = "dotnet build bench/peers/OpenIddictPeer -c Release";

    // Its first answer waits for the JIT, EF Core's schema and two RSA keys: seconds on a busy 2-core CI machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string folder;
    private readonly ConcurrentQueue<string> output = new();

    private OpenIddictPeer(Process process, string folder, string baseUrl)
    {
        this.process = process;
        this.folder = folder;
        Base = baseUrl;
    }

    /// <summary>Its issuer, such as <c>http://127.0.0.1:41237</c>: all the client app is told about it.</summary>
    public string Base { get; }

    public static string Missing =>
        $"The OpenIddict peer is not built. Build it with `{BuildCommand}` from the repository root.";

    /// <summary>The peer's newest build, Release or Debug, or null when it has not been built.</summary>
    public static string? Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MiniOAuth.sln")))
        {
            root = root.Parent;
        }

        return root is null ? null : new[] { "Release", "Debug" }
            .Select(configuration => new FileInfo(Path.Combine(
                root.FullName, "bench", "peers", "OpenIddictPeer", "bin", configuration, "net10.0", "OpenIddictPeer.dll")))
            .Where(dll => dll.Exists)
            .OrderByDescending(dll => dll.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName;
    }

    /// <summary>Starts the peer on <paramref name="port"/> for the client app at <paramref name="clientAppUrl"/>
    /// and waits until it publishes its metadata.</summary>
    public static async Task<OpenIddictPeer> StartAsync(int port, string clientAppUrl)
    {
        var dll = Find() ?? throw new InvalidOperationException($"{Chromium.RequireVariable}=1 but this browser test cannot run. {Missing}");
        var baseUrl = $"http://127.0.0.1:{port}";
        var folder = Directory.CreateTempSubdirectory("openiddict-peer-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseUrl },
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(folder, "peer.db")}",
                ["OAuth__Issuer"] = baseUrl,
                ["ClientApp__Url"] = clientAppUrl,
                ["Logging__LogLevel__Default"] = "Warning",
                ["DOTNET_NOLOGO"] = "1",
            },
        };
        var peer = new OpenIddictPeer(new Process { StartInfo = start }, folder, baseUrl);
        try
        {
            await peer.WaitUntilItAnswersAsync();
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    private async Task WaitUntilItAnswersAsync()
    {
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var metadata = await http.GetAsync($"{Base}/.well-known/openid-configuration");
                if (metadata.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not publish its metadata within {StartTimeout.TotalSeconds} s";
        throw new InvalidOperationException($"The OpenIddict peer at {Base} {why}. Its last lines:\n{string.Join('\n', output.TakeLast(20))}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
