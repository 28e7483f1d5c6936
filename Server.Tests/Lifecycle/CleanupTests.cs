using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>The cleanup sweep, run by hand on the fake clock, and the service that runs it on its interval.</summary>
public sealed class CleanupTests : IDisposable
{
    private readonly GrantRunner _grants = new();


    public void Dispose() => _grants.Dispose();

    [Fact]
    public async Task ASweepDeletesAnExpiredFamilyWithItsTokensAndCodeAndKeepsALiveOne()
    {
        var expiring = await _grants.GrantOfAsync((await _grants.SignInAsync()).RefreshToken!);
        _grants.Clock.Advance(TimeSpan.FromDays(80));
        var live = await _grants.SignInAsync();

        _grants.Clock.Advance(TimeSpan.FromDays(10));
        var deleted = await SweepAsync();

        deleted.Should().BeEquivalentTo(new { Grants = 1, RefreshTokens = 1, AuthorizationCodes = 1 });
        (await CountAsync(db => db.Grants.Where(g => g.Id == expiring.Id))).Should().Be(0);
        (await CountAsync(db => db.AuthorizationCodes)).Should().Be(1, "the live grant's code is kept for replay detection");
        (await _grants.RefreshAsync(live.RefreshToken!)).Error.Should().BeNull();
    }

    [Fact]
    public async Task ARedeemedCodeIsKeptWhileItsGrantLivesSoThatAReplayStillRevokesIt()
    {
        var code = await _grants.IssueCodeAsync();
        var tokens = (await _grants.RedeemAsync(code)).Tokens!;

        _grants.Clock.Advance(TimeSpan.FromMinutes(5));
        await SweepAsync();
        var replay = await _grants.RedeemAsync(code);

        replay.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.GrantOfAsync(tokens.RefreshToken!)).RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task ARevokedGrantGoesOnceItsAccessTokensHaveExpired()
    {
        var tokens = await _grants.SignInAsync();
        await _grants.RefreshAsync(tokens.RefreshToken!);
        var reuse = await _grants.RefreshAsync(tokens.RefreshToken!);

        _grants.Clock.Advance(TimeSpan.FromMinutes(14));
        var early = await SweepAsync();
        _grants.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await SweepAsync();

        reuse.Error!.Error.Should().Be(Errors.InvalidGrant, "reuse revokes the family");
        early.Grants.Should().Be(0);
        late.Should().BeEquivalentTo(new { Grants = 1, RefreshTokens = 2, AuthorizationCodes = 1 });
    }

    [Fact]
    public async Task ARotatedRefreshTokenIsKeptUntilItExpiresSoThatReuseIsStillDetected()
    {
        var first = await _grants.SignInAsync();
        await _grants.RefreshAsync(first.RefreshToken!);

        _grants.Clock.Advance(TimeSpan.FromDays(13));
        var kept = await SweepAsync();
        _grants.Clock.Advance(TimeSpan.FromDays(1));
        var gone = await SweepAsync();

        kept.RefreshTokens.Should().Be(0);
        gone.RefreshTokens.Should().Be(2);
        gone.Grants.Should().Be(0, "the family lives 90 days");
    }

    [Fact]
    public async Task ASweepDeletesExpiredRevocationsSessionsAndLoginFailureWindows()
    {
        var now = _grants.Clock.GetUtcNow().UtcDateTime;
        var alice = await _grants.WithDbAsync(db => db.Users.FirstAsync(u => u.Username == "alice"));
        await _grants.WithDbAsync(db =>
        {
            db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = "jti", ExpiresAt = now.AddMinutes(15) });
            db.LoginSessions.Add(new LoginSession { Hash = "session", UserId = alice.Id, CreatedAt = now, ExpiresAt = now.AddHours(8) });
            db.LoginFailureCounts.Add(new LoginFailureCount { Key = "user:alice", WindowStart = now, Count = 3 });
            return db.SaveChangesAsync();
        });

        _grants.Clock.Advance(TimeSpan.FromMinutes(15));
        var first = await SweepAsync();
        _grants.Clock.Advance(TimeSpan.FromHours(8));
        var second = await SweepAsync();

        first.Should().BeEquivalentTo(new { RevokedAccessTokens = 1, LoginSessions = 0, LoginFailureCounts = 1 });
        second.Should().BeEquivalentTo(new { RevokedAccessTokens = 0, LoginSessions = 1, LoginFailureCounts = 0 });
    }

    [Fact]
    public async Task TheServiceSweepsAgainAndAgainOnTheInjectedClock()
    {
        using var app = new MiniOAuthApplication(new Dictionary<string, string?> { ["Cleanup:Interval"] = "01:00:00" });

        await AddRevokedJtiAsync(app, "first");
        var firstSweep = await AdvanceHoursUntilSweptAsync(app);
        await AddRevokedJtiAsync(app, "second");
        var secondSweep = await AdvanceHoursUntilSweptAsync(app);

        firstSweep.Should().BeTrue("the service sweeps when the fake clock passes its interval");
        secondSweep.Should().BeTrue("and keeps sweeping every interval after that");
    }

    private static Task AddRevokedJtiAsync(MiniOAuthApplication app, string jti) => app.WithDbAsync(db =>
    {
        db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = jti, ExpiresAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(15) });
        return db.SaveChangesAsync();
    });

    // The service starts its timer on a thread of its own, so the first tick may come one interval late.
    private static async Task<bool> AdvanceHoursUntilSweptAsync(MiniOAuthApplication app)
    {
        for (var hour = 0; hour < 3; hour++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            for (var poll = 0; poll < 40; poll++)
            {
                if (!await app.WithDbAsync(db => db.RevokedAccessTokens.AnyAsync()))
                {
                    return true;
                }

                await Task.Delay(50);
            }
        }

        return false;
    }

    private async Task<CleanupCounts> SweepAsync()
    {
        await using var db = _grants.NewDb();
        return await new Cleanup(db, _grants.Clock, Options.Create(_grants.Options), Options.Create(_grants.Security)).SweepAsync();
    }

    private Task<int> CountAsync<T>(Func<MiniOAuthDb, IQueryable<T>> table) => _grants.WithDbAsync(db => table(db).CountAsync());
}
