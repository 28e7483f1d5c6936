using System.Net;
using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

public sealed class LoginDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new(new Dictionary<string, string?>
    {
        ["Security:LoginFailureLimit"] = "3",
        ["Security:LoginFailuresPerAddress"] = "5",
        ["Security:LoginFailureWindow"] = "00:10:00",
    });

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> LoginAsync(string username, string password) =>
        _app.CreateClient().PostAsJsonAsync("/oauth/login/", new { username, password });

    [Fact]
    public async Task AfterTheLimitEvenTheRightPasswordGets429WithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync("alice", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var blocked = await LoginAsync("ALICE", "alicepass");

        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(590, 600);
    }

    [Fact]
    public async Task TheWindowClosesAndLoginWorksAgain()
    {
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync("alice", "wrong");
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        (await LoginAsync("alice", "alicepass")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownUsernamesCountToo()
    {
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync("ghost", "wrong");
        }

        (await LoginAsync("ghost", "wrong")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task SuccessesNeitherCountNorResetTheCount()
    {
        await LoginAsync("bob", "wrong");
        await LoginAsync("bob", "wrong");
        (await LoginAsync("bob", "bobpass")).StatusCode.Should().Be(HttpStatusCode.OK);

        await LoginAsync("bob", "wrong");

        (await LoginAsync("bob", "bobpass")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheWindowOpensAtTheFirstFailureNotAtAnEarlierSuccess()
    {
        (await LoginAsync("bob", "bobpass")).StatusCode.Should().Be(HttpStatusCode.OK);
        _app.Clock.Advance(TimeSpan.FromMinutes(8));
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync("bob", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        // Ten minutes from the first failure, not from the success eight minutes before it.
        var blocked = await LoginAsync("bob", "bobpass");
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(590, 600);

        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        (await LoginAsync("bob", "bobpass")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task OneAddressIsLimitedAcrossUsernames()
    {
        foreach (var user in new[] { "u1", "u2", "u3", "u4", "u5" })
        {
            await LoginAsync(user, "wrong");
        }

        (await LoginAsync("alice", "alicepass")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheLoginFormAlsoAnswers429()
    {
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync("alice", "wrong");
        }

        var browser = _app.CreateBrowser();
        var page = await browser.GetStringAsync("/oauth/login/");
        var response = await browser.PostAsync("/oauth/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(page), ["username"] = "alice", ["password"] = "alicepass",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task LoggingInGivesANewSessionIdAndEndsTheOldOne()
    {
        var first = await LoginForCookieAsync("alice", "alicepass", previous: null);

        var second = await LoginForCookieAsync("bob", "bobpass", previous: first);
        var withOld = await AuthorizeWithCookieAsync(first);
        var withNew = await AuthorizeWithCookieAsync(second);

        second.Should().NotBe(first);
        withOld.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session from before the login must be dead");
        withNew.StatusCode.Should().Be(HttpStatusCode.Forbidden, "bob is signed in and asked for consent");
    }

    private async Task<string> LoginForCookieAsync(string username, string password, string? previous)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/login/") { Content = JsonContent.Create(new { username, password }) };
        if (previous is not null)
        {
            request.Headers.Add("Cookie", $"minioauth_server_session={previous}");
        }

        var response = await _app.CreateClient(new() { HandleCookies = false }).SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minioauth_server_session="));
        return cookie.Split(';')[0].Split('=', 2)[1];
    }

    private Task<HttpResponseMessage> AuthorizeWithCookieAsync(string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, OAuthFlow.AuthorizePath());
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("Cookie", $"minioauth_server_session={session}");
        return _app.CreateClient(new() { HandleCookies = false }).SendAsync(request);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task TheReturnAddressAfterLoginIsLocalOnly(string returnUrl)
    {
        var browser = _app.CreateBrowser();
        var page = await browser.GetStringAsync("/oauth/login/");

        var response = await browser.PostAsync("/oauth/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(page), ["username"] = "alice", ["password"] = "alicepass",
            ["returnUrl"] = returnUrl,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/oauth/account/");
    }

    [Fact]
    public async Task ALoginFormWithoutItsAntiforgeryFieldIsRefusedAndStartsNoSession()
    {
        var browser = _app.CreateBrowser();

        var response = await browser.PostAsync("/oauth/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "alice", ["password"] = "alicepass",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("minioauth_server_session="));
    }
}
