extern alias ClientApp;

using ClientApp::MiniOAuth.Client;
using Microsoft.Extensions.Time.Testing;

namespace MiniOAuth.Tests.Client;

public sealed class StepLogTests
{
    [Fact]
    public void SignInStepsStayWhileOnlyTheRecentLaterStepsAreKept()
    {
        var log = new StepLog(new FakeTimeProvider());
        log.StartSignIn();
        log.Add("authorize", "");
        log.Add("token", "");
        log.FinishSignIn();

        for (var i = 0; i < StepLog.RecentLimit + 5; i++)
        {
            log.Add($"call {i}", "");
        }

        var steps = log.Snapshot();
        steps.Should().HaveCount(2 + StepLog.RecentLimit);
        steps.Take(2).Select(step => step.Title).Should().Equal("authorize", "token");
        steps[2].Title.Should().Be("call 5");
        steps.Select(step => step.Number).Should().BeInAscendingOrder();
    }

    [Fact]
    public void ANewSignInForgetsTheEarlierSteps()
    {
        var log = new StepLog(new FakeTimeProvider());
        log.StartSignIn();
        log.Add("first login", "");

        log.StartSignIn();
        log.Add("second login", "");

        log.Snapshot().Should().ContainSingle().Which.Should().Match<Step>(step => step.Title == "second login" && step.Number == 1);
    }

    [Fact]
    public void AnUnfinishedSignInCannotGrowTheLogWithoutBound()
    {
        var log = new StepLog(new FakeTimeProvider());
        log.StartSignIn();

        for (var i = 0; i < 100; i++)
        {
            log.Add($"step {i}", "");
        }

        log.Snapshot().Should().HaveCount(StepLog.SignInLimit + StepLog.RecentLimit);
    }
}
