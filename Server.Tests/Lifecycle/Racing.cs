using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>Starts requests at the same moment, so that a race the server must win really happens.</summary>
public static class Racing
{
    /// <summary>
    /// SQLite's async calls complete synchronously, so each request holds a pool thread to the end:
    /// without threads at hand, "parallel" requests would run one after another and prove nothing.
    /// </summary>
    private static void EnsureThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    /// <summary>Runs <paramref name="count"/> copies of <paramref name="work"/>, each on its own thread, released together.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<Task<T>> work)
    {
        EnsureThreads();
        // Asynchronous continuations: otherwise the gate would run every racer inline, one by one.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await work();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>One refresh of a family of its own, so that the race is not spent compiling the code path.</summary>
    public static async Task WarmUpRefreshAsync(MiniOAuthApplication app, HttpClient http)
    {
        var tokens = await OAuthFlow.SignInAsync(app);
        await OAuthFlow.ReadTokensAsync(await LifecycleFlow.RefreshAsync(http, tokens.RefreshToken!));
    }
}
