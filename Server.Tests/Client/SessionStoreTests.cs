extern alias ClientApp;

using ClientApp::MiniOAuth.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MiniOAuth.Tests.Client;

public sealed class SessionStoreTests
{
    private readonly FakeTimeProvider time = new();
    private readonly SessionStore sessions;

    public SessionStoreTests() => sessions = new SessionStore(time, Options.Create(new ClientOptions()));

    [Fact]
    public void ASessionIsFoundByItsIdWhileItIsUsed()
    {
        var session = sessions.Start();
        time.Advance(TimeSpan.FromHours(7));
        sessions.Find(session.Id);
        time.Advance(TimeSpan.FromHours(7));

        sessions.Find(session.Id).Should().BeSameAs(session);
    }

    [Fact]
    public void ASessionUnusedForLongerThanTheIdleTimeoutIsForgotten()
    {
        var session = sessions.Start();
        time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));

        sessions.Find(session.Id).Should().BeNull();
    }

    [Fact]
    public void RenewingASessionRetiresItsOldId()
    {
        var session = sessions.Start();
        var oldId = session.Id;

        sessions.Renew(session);

        session.Id.Should().NotBe(oldId).And.HaveLength(43);
        sessions.Find(oldId).Should().BeNull();
        sessions.Find(session.Id).Should().BeSameAs(session);
    }

    [Fact]
    public void AnUnknownIdFindsNothing() => sessions.Find("made-up").Should().BeNull();
}
