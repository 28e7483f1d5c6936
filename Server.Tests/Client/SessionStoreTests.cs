extern alias ClientApp;

using ClientApp::MiniOAuth.Client;
using Microsoft.AspNetCore.Http;
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
        var session = Start();
        time.Advance(TimeSpan.FromHours(7));
        Find(session.Id);
        time.Advance(TimeSpan.FromHours(7));

        Find(session.Id).Should().BeSameAs(session);
    }

    [Fact]
    public void ASessionUnusedForLongerThanTheIdleTimeoutIsForgotten()
    {
        var session = Start();
        time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));

        Find(session.Id).Should().BeNull();
    }

    [Fact]
    public void RenewingASessionRetiresItsOldId()
    {
        var session = Start();
        var oldId = session.Id;

        sessions.Renew(new DefaultHttpContext(), session);

        session.Id.Should().NotBe(oldId).And.HaveLength(43);
        Find(oldId).Should().BeNull();
        Find(session.Id).Should().BeSameAs(session);
    }

    [Fact]
    public void AnUnknownIdFindsNothing() => Find("made-up").Should().BeNull();

    [Fact]
    public void ABrowserWithASessionKeepsIt()
    {
        var session = Start();

        sessions.FindOrStart(Browser(session.Id)).Should().BeSameAs(session);
    }

    private ClientSession Start() => sessions.FindOrStart(new DefaultHttpContext());

    private ClientSession? Find(string id) => sessions.Find(Browser(id));

    /// <summary>A request from a browser that holds the given session cookie.</summary>
    private static DefaultHttpContext Browser(string id)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{SessionStore.CookieName}={id}";
        return context;
    }
}
