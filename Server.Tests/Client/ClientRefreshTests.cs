using System.Net;

namespace MiniOAuth.Tests.Client;

/// <summary>The client refreshes an expiring access token with the server's real rotation rules.</summary>
public sealed class ClientRefreshTests : IDisposable
{
    private static readonly TimeSpan PastAccessTokenLifetime = TimeSpan.FromMinutes(16);

    private readonly ClientAndServer apps = new();

    public void Dispose() => apps.Dispose();

    [Fact]
    public async Task AnExpiredAccessTokenIsRefreshedBeforeTheDashboardUsesIt()
    {
        await apps.SignInAsync("alice");
        await apps.ClientBrowser.GetAsync("/dashboard");
        var first = apps.LastAccessToken();
        apps.Server.Clock.Advance(PastAccessTokenLifetime);

        var dashboard = await apps.ClientBrowser.GetAsync("/dashboard");

        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).Should().Contain("Signed in as alice").And.Contain("Refreshed the access token");
        apps.TokenCalls("refresh_token").Should().Be(1);
        apps.LastAccessToken().Should().NotBe(first);
    }

    [Fact]
    public async Task TheRotatedRefreshTokenIsKeptSoASecondRefreshWorks()
    {
        await apps.SignInAsync("alice");
        apps.Server.Clock.Advance(PastAccessTokenLifetime);
        (await apps.ClientBrowser.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);
        apps.Server.Clock.Advance(PastAccessTokenLifetime);

        var dashboard = await apps.ClientBrowser.GetAsync("/dashboard");

        // Presenting the first refresh token again would count as reuse and end the whole grant.
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        apps.TokenCalls("refresh_token").Should().Be(2);
    }

    [Fact]
    public async Task TwoPageLoadsAtOnceRefreshOnlyOnce()
    {
        await apps.SignInAsync("alice");
        apps.Server.Clock.Advance(PastAccessTokenLifetime);

        var pages = await Task.WhenAll(apps.ClientBrowser.GetAsync("/dashboard"), apps.ClientBrowser.GetAsync("/dashboard"));

        pages.Should().AllSatisfy(page => page.StatusCode.Should().Be(HttpStatusCode.OK));
        apps.TokenCalls("refresh_token").Should().Be(1);
        (await apps.ClientBrowser.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFailedRefreshEndsTheSessionAndSendsTheUserToSignIn()
    {
        using var shortLived = new ClientAndServer(new Dictionary<string, string?> { ["OAuth:RefreshTokenLifetime"] = "00:20:00" });
        await shortLived.SignInAsync("alice");
        shortLived.Server.Clock.Advance(TimeSpan.FromMinutes(21));

        var dashboard = await shortLived.ClientBrowser.GetAsync("/dashboard");
        var afterwards = await shortLived.ClientBrowser.GetAsync("/dashboard");

        shortLived.TokenCalls("refresh_token").Should().Be(1);
        dashboard.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dashboard.Headers.Location!.OriginalString.Should().Be("/login");
        afterwards.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task ATokenRevokedAtTheServerIsRefreshedOnceThenTheSessionEnds()
    {
        await apps.SignInAsync("alice");
        await apps.ClientBrowser.GetAsync("/dashboard");
        var logout = new HttpRequestMessage(HttpMethod.Post, "/oauth/logout/");
        logout.Headers.Authorization = new("Bearer", apps.LastAccessToken());
        (await apps.Server.CreateClient().SendAsync(logout)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var dashboard = await apps.ClientBrowser.GetAsync("/dashboard");

        dashboard.Headers.Location!.OriginalString.Should().Be("/login");
        apps.TokenCalls("refresh_token").Should().Be(1);
    }
}
