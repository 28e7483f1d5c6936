using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>The optional reuse grace (OAuth:RefreshTokenReuseGrace): the immediate predecessor only, for a short time.</summary>
public sealed class RefreshGraceRuleTests : IDisposable
{
    private readonly GrantRunner _grants = new("00:00:30");


    public void Dispose() => _grants.Dispose();

    [Fact]
    public async Task WithinTheGraceTheImmediatePredecessorIsRefusedWithoutEndingTheFamily()
    {
        var first = await _grants.SignInAsync();
        var second = (await _grants.RefreshAsync(first.RefreshToken!)).Tokens!;

        _grants.Clock.Advance(TimeSpan.FromSeconds(30));
        var raced = await _grants.RefreshAsync(first.RefreshToken!);

        raced.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.IsLiveAsync(second.AccessToken)).Should().BeTrue();
        (await _grants.RefreshAsync(second.RefreshToken!)).Error.Should().BeNull();
    }

    [Fact]
    public async Task AfterTheGraceTheImmediatePredecessorEndsTheFamily()
    {
        var first = await _grants.SignInAsync();
        var second = (await _grants.RefreshAsync(first.RefreshToken!)).Tokens!;

        _grants.Clock.Advance(TimeSpan.FromSeconds(31));
        var reuse = await _grants.RefreshAsync(first.RefreshToken!);

        reuse.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.GrantOfAsync(first.RefreshToken!)).RevokedAt.Should().NotBeNull();
        (await _grants.RefreshAsync(second.RefreshToken!)).Error!.Error.Should().Be(Errors.InvalidGrant);
    }

    [Fact]
    public async Task TheGraceNeverCoversAnOlderToken()
    {
        var first = await _grants.SignInAsync();
        var second = (await _grants.RefreshAsync(first.RefreshToken!)).Tokens!;
        var third = (await _grants.RefreshAsync(second.RefreshToken!)).Tokens!;

        var reuse = await _grants.RefreshAsync(first.RefreshToken!);

        reuse.Error!.Error.Should().Be(Errors.InvalidGrant);
        (await _grants.GrantOfAsync(first.RefreshToken!)).RevokedAt.Should().NotBeNull();
        (await _grants.IsLiveAsync(third.AccessToken)).Should().BeFalse();
    }
}
