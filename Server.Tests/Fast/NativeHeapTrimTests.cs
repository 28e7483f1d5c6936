using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MiniOAuth.Server.Fast;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Fast;

/// <summary>
/// The server gives the C heap's free pages back to the system (bench/README.md, "Peak memory"): the
/// trim releases memory that <c>free</c> alone keeps, and the server runs it. Alone in its collection,
/// so that no other test allocates while the process's resident memory is read.
/// </summary>
[Collection(nameof(NativeHeapTrimTests))]
[CollectionDefinition(nameof(NativeHeapTrimTests), DisableParallelization = true)]
public sealed class NativeHeapTrimTests
{
    private const int Blocks = 8192;
    private const int BlockBytes = 4096;

    [Fact]
    public void TrimmingGivesFreedHeapPagesBackToTheSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            NativeHeapTrim.TrimOnce().Should().BeFalse("there is no glibc to trim outside Linux");
            return;
        }

        // 32 MB in small blocks, each written so that its pages are resident; then all freed but a block
        // after them, so that they are free space inside the heap, which free() does not return. (The
        // trim of a test server in this process may come first: the pages are given back either way.)
        var blocks = Enumerable.Range(0, Blocks).Select(_ => Marshal.AllocHGlobal(BlockBytes)).ToArray();
        foreach (var block in blocks)
        {
            Marshal.Copy(new byte[BlockBytes], 0, block, BlockBytes);
        }

        var pin = Marshal.AllocHGlobal(BlockBytes);
        try
        {
            var allocated = ResidentKb();
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }

            NativeHeapTrim.TrimOnce().Should().BeTrue("glibc is here");
            var trimmed = ResidentKb();

            (allocated - trimmed).Should().BeGreaterThan(Blocks * BlockBytes / 1024 / 2, "most of the 32 MB freed goes back to the system");
        }
        finally
        {
            Marshal.FreeHGlobal(pin);
        }
    }

    [Fact]
    public void TheServerRunsTheTrim()
    {
        using var app = new MiniOAuthApplication();
        app.Services.GetServices<IHostedService>().OfType<NativeHeapTrim>().Should().ContainSingle();
    }

    private static long ResidentKb() =>
        long.Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
