extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

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
    public void TheMarginTheDashboardNamesIsTheOneUsed()
    {
        Issued(TimeSpan.FromMinutes(15)).Margin.Should().Be(TimeSpan.FromSeconds(30));
        Issued(TimeSpan.FromSeconds(10)).Margin.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ATokenWithoutALifetimeIsNotRefreshedAhead()
    {
        var tokens = new TokenSet("access", "refresh", IssuedAt, ExpiresAt: null, "profile");

        tokens.NeedsRefresh(IssuedAt + TimeSpan.FromDays(1)).Should().BeFalse();
    }

    private static TokenSet Issued(TimeSpan lifetime) => new("access", "refresh", IssuedAt, IssuedAt + lifetime, "profile email");
}
