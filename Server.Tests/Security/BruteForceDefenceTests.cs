using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Password guessing (RFC 6749 §10.10): the per-username limit holds for parallel guesses too, a
/// right password does not use up the budget of failures, and an unknown username costs the same
/// BCrypt work as a wrong password, so that timing does not tell which usernames exist.
/// </summary>
public sealed class BruteForceDefenceTests
{
    // Real BCrypt work, so that password checks take long enough for parallel guesses to overlap.
    private static MiniOAuthApplication App(string limit, string workFactor = "10") => new(new Dictionary<string, string?>
    {
        ["Security:LoginFailureLimit"] = limit,
        ["Security:LoginFailuresPerAddress"] = "100000",
        ["Security:BcryptWorkFactor"] = workFactor,
    });

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/oauth/login/", new { username, password });

    [Fact]
    public async Task ParallelGuessesReachThePasswordCheckNoMoreOftenThanTheLimit()
    {
        using var app = App(limit: "3", workFactor: "12");
        var client = app.CreateClient();

        var guesses = Enumerable.Range(0, 30).Select(i => LoginAsync(client, "alice", $"guess-{i}"));
        var statuses = (await Task.WhenAll(guesses)).Select(r => r.StatusCode).ToList();

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        statuses.Count(s => s == HttpStatusCode.Unauthorized).Should().BeLessThanOrEqualTo(3, "each 401 is a password tried");
        (await LoginAsync(client, "alice", "alicepass")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RightPasswordsDoNotUseUpTheBudgetOfFailures()
    {
        using var app = App(limit: "3");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            (await LoginAsync(client, "bob", "bobpass")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var wrong = await LoginAsync(client, "bob", "wrong");
        var right = await LoginAsync(client, "bob", "bobpass");

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownUsernameCostsAsMuchTimeAsAWrongPassword()
    {
        using var app = App(limit: "1000");
        var client = app.CreateClient();
        await LoginAsync(client, "alice", "warm-up");
        var (wrongPassword, unknownUser) = (TimeSpan.MaxValue, TimeSpan.MaxValue);

        // Interleaved, and the fastest of each kept, so that load from other tests weighs on both alike.
        for (var i = 0; i < 5; i++)
        {
            wrongPassword = Min(wrongPassword, await TimeAsync(() => LoginAsync(client, "alice", "wrong-password")));
            unknownUser = Min(unknownUser, await TimeAsync(() => LoginAsync(client, "nobody-here", "wrong-password")));
        }

        // Without the dummy BCrypt check an unknown user answers in a few milliseconds, a known one in tens.
        unknownUser.Should().BeGreaterThan(wrongPassword / 4);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> login)
    {
        var watch = Stopwatch.StartNew();
        (await login()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        return watch.Elapsed;
    }
}
