using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>The refresh grant's rules (RFC 6749 §6, RFC 9700 §4.14.2), run without HTTP.</summary>
public sealed class RefreshRotationRuleTests : IDisposable
{
    private readonly GrantRunner _grants = new();


    public void Dispose() => _grants.Dispose();

    [Fact]
    public async Task RotationReturnsANewRefreshTokenAndEndsTheOldOne()
    {
        var first = await _grants.SignInAsync();

        var second = await _grants.RefreshAsync(first.RefreshToken!);

        second.Error.Should().BeNull();
        second.Tokens!.RefreshToken.Should().NotBeNullOrEmpty().And.NotBe(first.RefreshToken);
        var old = await _grants.RowOfAsync(first.RefreshToken!);
        old.ConsumedAt.Should().NotBeNull();
        old.ReplacedByHash.Should().Be(Secrets.HashForLookup(second.Tokens.RefreshToken!));
        (await _grants.RowOfAsync(second.Tokens.RefreshToken!)).ConsumedAt.Should().BeNull();
    }

    [Fact]
    public async Task ReusedRefreshTokenRevokesTheWholeFamily()
    {
        var first = await _grants.SignInAsync();
        var second = (await _grants.RefreshAsync(first.RefreshToken!)).Tokens!;

        var reuse = await _grants.RefreshAsync(first.RefreshToken!);

        reuse.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.GrantOfAsync(first.RefreshToken!)).RevokedAt.Should().NotBeNull();
        (await _grants.RefreshAsync(second.RefreshToken!)).Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.IsLiveAsync(first.AccessToken)).Should().BeFalse();
        (await _grants.IsLiveAsync(second.AccessToken)).Should().BeFalse();
    }

    [Fact]
    public async Task ARefreshTokenWorksForFourteenDaysAndNotOneSecondLonger()
    {
        var early = await _grants.SignInAsync();
        var late = await _grants.SignInAsync();

        _grants.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        var justInTime = await _grants.RefreshAsync(early.RefreshToken!);
        _grants.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await _grants.RefreshAsync(late.RefreshToken!);

        justInTime.Error.Should().BeNull();
        expired.Error!.Error.Should().Be(Errors.InvalidGrant);
    }

    [Fact]
    public async Task TheFamilyEndsNinetyDaysAfterTheFirstLoginHoweverOftenItRotates()
    {
        var tokens = await _grants.SignInAsync();
        foreach (var _ in Enumerable.Range(1, 6))
        {
            _grants.Clock.Advance(TimeSpan.FromDays(13));
            tokens = (await _grants.RefreshAsync(tokens.RefreshToken!)).Tokens!;
        }

        var lastRow = await _grants.RowOfAsync(tokens.RefreshToken!);
        _grants.Clock.Advance(TimeSpan.FromDays(90 - 6 * 13));
        var afterNinetyDays = await _grants.RefreshAsync(tokens.RefreshToken!);

        lastRow.ExpiresAt.Should().Be((await _grants.GrantOfAsync(tokens.RefreshToken!)).ExpiresAt, "no token outlives its family");
        afterNinetyDays.Error!.Error.Should().Be(Errors.InvalidGrant);
    }

    [Fact]
    public async Task ANarrowerScopeNarrowsTheNewAccessTokenWhileTheGrantKeepsItsScope()
    {
        var first = await _grants.SignInAsync("profile email");

        var narrowed = (await _grants.RefreshAsync(first.RefreshToken!, scope: "email")).Tokens!;
        var next = (await _grants.RefreshAsync(narrowed.RefreshToken!)).Tokens!;

        narrowed.Scope.Should().Be("email");
        LifecycleFlow.PayloadOf(narrowed.AccessToken).GetProperty("scope").GetString().Should().Be("email");
        next.Scope.Should().Be("profile email");
        (await _grants.GrantOfAsync(next.RefreshToken!)).Scope.Should().Be("profile email");
    }

    [Theory]
    [InlineData("profile email roles")]
    [InlineData("roles")]
    [InlineData("openid")]
    public async Task AWiderOrUnknownScopeIsInvalidScopeAndLeavesTheTokenUsable(string scope)
    {
        var first = await _grants.SignInAsync("profile email");

        var widened = await _grants.RefreshAsync(first.RefreshToken!, scope);

        widened.Error!.Error.Should().Be(Errors.InvalidScope);
        (await _grants.RefreshAsync(first.RefreshToken!)).Error.Should().BeNull();
    }

    [Fact]
    public async Task AnotherClientsRefreshTokenIsInvalidGrantAndTheFamilyLivesOn()
    {
        var tokens = await _grants.SignInAsync();

        var foreign = await _grants.RefreshAsync(tokens.RefreshToken!, clientId: Demo.PublicClientId);

        foreign.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.RefreshAsync(tokens.RefreshToken!)).Error.Should().BeNull();
    }

    [Fact]
    public async Task ARefreshTokenOfADisabledUserIsInvalidGrant()
    {
        var tokens = await _grants.SignInAsync();
        await _grants.WithDbAsync(db => db.Users.Where(u => u.Username == "alice")
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true)));

        var refused = await _grants.RefreshAsync(tokens.RefreshToken!);

        refused.Error!.Error.Should().Be(Errors.InvalidGrant);
    }

    [Fact]
    public async Task AReplayedCodeRevokesTheGrantOfItsFirstRedemption()
    {
        var code = await _grants.IssueCodeAsync();
        var first = (await _grants.RedeemAsync(code)).Tokens!;

        var replay = await _grants.RedeemAsync(code);

        replay.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.GrantOfAsync(first.RefreshToken!)).RevokedAt.Should().NotBeNull();
        (await _grants.IsLiveAsync(first.AccessToken)).Should().BeFalse();
    }
}
