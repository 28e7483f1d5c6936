extern alias ClientApp;

using System.Net;
using ClientApp::MiniOAuth.Client;
using Microsoft.Extensions.Time.Testing;

namespace MiniOAuth.Tests.Client;

public sealed class TokenRefresherTests
{
    private static readonly ServerMetadata Server = new(
        "http://as.test", "http://as.test/authorize", "http://as.test/token", "http://as.test/userinfo", null,
        true, "test");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ConcurrentRequestsForAnExpiredTokenRefreshItOnce()
    {
        var refreshes = 0;
        var channel = new BackChannel(async _ =>
        {
            var count = Interlocked.Increment(ref refreshes);
            await Task.Delay(50);
            return BackChannel.Json(HttpStatusCode.OK, $$"""{"access_token":"access-{{count}}","token_type":"Bearer","expires_in":900,"refresh_token":"refresh-{{count}}"}""");
        });
        var (refresher, session) = Arrange(channel);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => refresher.GetUsableTokensAsync(session, Server, null, default)));

        refreshes.Should().Be(1);
        results.Should().AllSatisfy(tokens => tokens!.AccessToken.Should().Be("access-1"));
        session.Tokens!.RefreshToken.Should().Be("refresh-1");
    }

    [Fact]
    public async Task ARefusedRefreshLeavesTheSessionWithoutTokens()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""")));
        var (refresher, session) = Arrange(channel);

        var tokens = await refresher.GetUsableTokensAsync(session, Server, null, default);

        tokens.Should().BeNull();
        session.Tokens.Should().BeNull();
    }

    [Fact]
    public async Task AFreshTokenIsUsedWithoutAsking()
    {
        var channel = BackChannel.Silent();
        var (refresher, session) = Arrange(channel);
        session.Tokens = new TokenSet("fresh", "refresh-0", time.GetUtcNow(), time.GetUtcNow().AddMinutes(15), "profile");

        var tokens = await refresher.GetUsableTokensAsync(session, Server, null, default);

        tokens!.AccessToken.Should().Be("fresh");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ATokenTheResourceServerRejectedIsRefreshedEvenBeforeItExpires()
    {
        var channel = new BackChannel(_ => Task.FromResult(
            BackChannel.Json(HttpStatusCode.OK, """{"access_token":"new","token_type":"Bearer","expires_in":900}""")));
        var (refresher, session) = Arrange(channel);
        session.Tokens = new TokenSet("revoked", "refresh-0", time.GetUtcNow(), time.GetUtcNow().AddMinutes(15), "profile");

        var tokens = await refresher.GetUsableTokensAsync(session, Server, rejectedAccessToken: "revoked", default);

        tokens.Should().Be(new TokenSet("new", "refresh-0", time.GetUtcNow(), time.GetUtcNow().AddMinutes(15), "profile"));
        channel.Requests.Should().ContainSingle().Which.Body.Should().Contain("grant_type=refresh_token").And.Contain("refresh_token=refresh-0");
    }

    [Fact]
    public async Task ARotatedRefreshTokenReplacesTheOldOneAndAnOmittedScopeStays()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.OK,
            """{"access_token":"access-2","token_type":"Bearer","expires_in":900,"refresh_token":"refresh-2"}""")));
        var (refresher, session) = Arrange(channel);

        var tokens = await refresher.GetUsableTokensAsync(session, Server, null, default);

        tokens.Should().Be(new TokenSet("access-2", "refresh-2", time.GetUtcNow(), time.GetUtcNow().AddMinutes(15), "profile"));
        session.Tokens.Should().Be(tokens);
    }

    [Fact]
    public async Task WithoutANewRefreshTokenTheOldOneIsKept()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.OK,
            """{"access_token":"access-2","token_type":"Bearer","expires_in":900,"scope":"profile email"}""")));
        var (refresher, session) = Arrange(channel);

        var tokens = await refresher.GetUsableTokensAsync(session, Server, null, default);

        tokens!.RefreshToken.Should().Be("refresh-0");
        tokens.Scope.Should().Be("profile email");
    }

    private (AuthorizationServer Refresher, ClientSession Session) Arrange(BackChannel channel)
    {
        var session = new ClientSession("id", time)
        {
            Tokens = new TokenSet("expired", "refresh-0", time.GetUtcNow(), time.GetUtcNow().AddMinutes(15), "profile"),
        };
        time.Advance(TimeSpan.FromMinutes(15));
        return (channel.Server(time), session);
    }
}
