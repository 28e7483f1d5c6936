extern alias ClientApp;

using System.Buffers.Text;
using ClientApp::MiniOAuth.Client.Protocol;
using ClientApp::MiniOAuth.Client.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace MiniOAuth.Tests.Client;

public sealed class StateTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void NewStateCarriesAtLeast128RandomBits()
    {
        var first = PendingAuthorization.Create(time);
        var second = PendingAuthorization.Create(time);

        Base64Url.DecodeFromChars(first.State).Length.Should().BeGreaterThanOrEqualTo(16);
        first.State.Should().NotBe(second.State);
        first.CodeVerifier.Should().NotBe(first.State);
    }

    [Fact]
    public void TheSameStateWithinTenMinutesIsValid()
    {
        var attempt = PendingAuthorization.Create(time);
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        var check = PendingAuthorization.Check(attempt, attempt.State, time.GetUtcNow());

        check.Should().Be(StateCheck.Valid);
    }

    [Fact]
    public void ADifferentStateIsAMismatch()
    {
        var attempt = PendingAuthorization.Create(time);
        var other = PendingAuthorization.Create(time);

        var check = PendingAuthorization.Check(attempt, other.State, time.GetUtcNow());

        check.Should().Be(StateCheck.Mismatch);
    }

    [Fact]
    public void AStateThatDiffersOnlyInItsLastCharacterIsAMismatch()
    {
        var attempt = PendingAuthorization.Create(time);
        var altered = attempt.State[..^1] + (attempt.State[^1] == 'A' ? 'B' : 'A');

        var check = PendingAuthorization.Check(attempt, altered, time.GetUtcNow());

        check.Should().Be(StateCheck.Mismatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AMissingStateIsRefused(string? returned)
    {
        var attempt = PendingAuthorization.Create(time);

        var check = PendingAuthorization.Check(attempt, returned, time.GetUtcNow());

        check.Should().Be(StateCheck.Missing);
    }

    [Fact]
    public void TheRightStateIsRefusedAfterTenMinutes()
    {
        var attempt = PendingAuthorization.Create(time);
        time.Advance(TimeSpan.FromMinutes(10));

        var check = PendingAuthorization.Check(attempt, attempt.State, time.GetUtcNow());

        check.Should().Be(StateCheck.Expired);
    }

    [Fact]
    public void AStateIsSingleUse()
    {
        var session = new ClientSession("id", time);
        var attempt = PendingAuthorization.Create(time);
        session.BeginLogin(attempt);

        var first = PendingAuthorization.Check(session.TakePendingLogin(), attempt.State, time.GetUtcNow());
        var second = PendingAuthorization.Check(session.TakePendingLogin(), attempt.State, time.GetUtcNow());

        first.Should().Be(StateCheck.Valid);
        second.Should().Be(StateCheck.NoLoginInProgress);
    }

    [Fact]
    public void ANewLoginReplacesTheStateOfTheEarlierOne()
    {
        var session = new ClientSession("id", time);
        var earlier = PendingAuthorization.Create(time);
        session.BeginLogin(earlier);
        session.BeginLogin(PendingAuthorization.Create(time));

        var check = PendingAuthorization.Check(session.TakePendingLogin(), earlier.State, time.GetUtcNow());

        check.Should().Be(StateCheck.Mismatch);
    }
}
