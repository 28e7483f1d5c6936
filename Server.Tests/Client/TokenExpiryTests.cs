extern alias ClientApp;

using ClientApp::MiniOAuth.Client.Tokens;

namespace MiniOAuth.Tests.Client;

public sealed class TokenExpiryTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFifteenMinuteTokenIsUsedAsItIsUntil30SecondsAreLeft()
    {
        var tokens = Issued(TimeSpan.FromMinutes(15));

        tokens.NeedsRefresh(IssuedAt).Should().BeFalse();
        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromSeconds(869)).Should().BeFalse();
    }

    [Fact]
    public void ATokenWith30SecondsOrLessLeftIsRefreshed()
    {
        var tokens = Issued(TimeSpan.FromMinutes(15));

        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromSeconds(870)).Should().BeTrue();
        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromMinutes(20)).Should().BeTrue();
    }

    [Fact]
    public void AShortLivedTokenIsRefreshedOnlyAfterHalfItsLifetime()
    {
        var tokens = Issued(TimeSpan.FromSeconds(10));

        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromSeconds(4)).Should().BeFalse();
        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromSeconds(5)).Should().BeTrue();
    }

    [Fact]
    public void ATokenWithoutALifetimeIsNotRefreshedAhead()
    {
        var tokens = new TokenSet("access", "refresh", IssuedAt, ExpiresAt: null, "profile");

        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromDays(1)).Should().BeFalse();
    }

    [Fact]
    public void ARotatedRefreshTokenReplacesTheOldOne()
    {
        var old = Issued(TimeSpan.FromMinutes(15));
        var issued = new TokenSet("access-2", "refresh-2", IssuedAt, IssuedAt.AddMinutes(15), Scope: null);

        var refreshed = old.Refreshed(issued);

        refreshed.Should().Be(new TokenSet("access-2", "refresh-2", IssuedAt, IssuedAt.AddMinutes(15), "profile email"));
    }

    [Fact]
    public void WithoutANewRefreshTokenTheOldOneIsKept()
    {
        var old = Issued(TimeSpan.FromMinutes(15));
        var issued = new TokenSet("access-2", RefreshToken: null, IssuedAt, IssuedAt.AddMinutes(15), "profile");

        var refreshed = old.Refreshed(issued);

        refreshed.RefreshToken.Should().Be("refresh");
        refreshed.Scope.Should().Be("profile");
    }

    private static TokenSet Issued(TimeSpan lifetime) => new("access", "refresh", IssuedAt, IssuedAt + lifetime, "profile email");
}
