// Not needed to understand the protocol: gives the C heap's free pages back to the operating system
// every few seconds, which lowers the server's peak memory (bench/README.md, "Peak memory").
using System.Runtime.InteropServices;

namespace MiniOAuth.Server.Fast;

/// <summary>
/// The runtime's own native allocations (the JIT, start-up, OpenSSL, SQLite) go through glibc's
/// <c>malloc</c>, which keeps freed memory for reuse: after start-up and the first requests about
/// 12 MB of the C heap are free but still resident. <c>malloc_trim(0)</c> returns those pages, and
/// nothing else: live allocations are untouched and the next <c>malloc</c> takes pages back as it
/// needs them. On a system without glibc (Alpine's musl, macOS, Windows) this does nothing.
/// </summary>
internal sealed class NativeHeapTrim : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>Trims once; false where there is no glibc to trim.</summary>
    public static bool TrimOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (!TrimOnce())
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
