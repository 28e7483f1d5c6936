using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

/// <summary>Revoking an app and deleting a client ask first, on a page of their own that says what will end.</summary>
public sealed class ConfirmationTests : IDisposable
{
    private const string RevokePage = "/oauth/account/apps/revoke/?client_id=" + Demo.ClientId;
    private const string DeletePage = "/oauth/admin/clients/" + Demo.ClientId + "/delete/";

    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheAccountPageLinksToAConfirmationThatSaysTheUserDataIsDeleted()
    {
        var aliceId = await ArrangeAliceWithUserDataAsync("""{"theme":"dark"}""");
        var browser = await Pages.SignedInBrowserAsync(_app);

        var account = await browser.GetStringAsync("/oauth/account/");
        var confirm = await browser.GetAsync(RevokePage);

        account.Should().Contain($"href=\"/oauth/account/apps/revoke/?client_id={Demo.ClientId}\"").And.NotContain("action=\"/oauth/account/apps/revoke/\"");
        confirm.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await confirm.Content.ReadAsStringAsync();
        html.Should().Contain("access and refresh tokens").And.Contain("your consent").And.Contain("userdata").And.Contain("16 bytes");
        html.Should().Contain("action=\"/oauth/account/apps/revoke/\"").And.Contain(Pages.TokenField).And.Contain($"name=\"client_id\" value=\"{Demo.ClientId}\"");
        (await _app.WithDbAsync(db => db.UserData.AnyAsync(d => d.UserId == aliceId))).Should().BeTrue("showing the page changes nothing");
    }

    [Fact]
    public async Task TheConfirmationsFormRevokesTheApp()
    {
        var aliceId = await ArrangeAliceWithUserDataAsync("{}");
        var browser = await Pages.SignedInBrowserAsync(_app);

        var response = await Pages.SubmitAsync(browser, RevokePage, "/oauth/account/apps/revoke/", ("client_id", Demo.ClientId));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await _app.WithDbAsync(db => db.Consents.AnyAsync(c => c.UserId == aliceId))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.UserData.AnyAsync(d => d.UserId == aliceId))).Should().BeFalse();
    }

    [Fact]
    public async Task AnAppWithoutAccessHasNoConfirmationPage()
    {
        var browser = await Pages.SignedInBrowserAsync(_app, "bob");

        var response = await browser.GetAsync(RevokePage);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheClientPageLinksToAConfirmationThatCountsWhatEnds()
    {
        await ArrangeAliceWithUserDataAsync("{}");
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var detail = await admin.GetStringAsync($"/oauth/admin/clients/{Demo.ClientId}/");
        var confirm = await admin.GetStringAsync(DeletePage);

        detail.Should().Contain($"href=\"{DeletePage}\"").And.NotContain($"action=\"{DeletePage}\"");
        confirm.Should().Contain("secret and API key").And.Contain("1 live sign-in").And.Contain("consents of 1 user").And.Contain("userdata it stored for 1 user");
        confirm.Should().Contain($"action=\"{DeletePage}\"").And.Contain(Pages.TokenField);
        (await _app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == Demo.ClientId))).Should().BeTrue("showing the page changes nothing");
    }

    [Fact]
    public async Task TheConfirmationsFormDeletesTheClient()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, DeletePage, DeletePage);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await _app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == Demo.ClientId))).Should().BeFalse();
    }

    [Theory]
    [InlineData("alice", RevokePage)]
    [InlineData("admin", DeletePage)]
    public async Task BothConfirmationPagesCarryTheSecurityHeadersAndAreNeverCached(string username, string page)
    {
        await ArrangeAliceWithUserDataAsync("{}");
        var browser = await Pages.SignedInBrowserAsync(_app, username);

        var response = await browser.GetAsync(page);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'self'; frame-ancestors 'none'");
    }

    /// <summary>Alice signed in to the demo client (a consent and a live grant) and stored <paramref name="json"/> with it.</summary>
    private async Task<string> ArrangeAliceWithUserDataAsync(string json)
    {
        await OAuthFlow.SignInAsync(_app);
        var aliceId = await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "alice").Select(u => u.Id).SingleAsync());
        await _app.WithDbAsync(db => { db.UserData.Add(new UserDataEntry { ClientId = Demo.ClientId, UserId = aliceId, Json = json }); return db.SaveChangesAsync(); });
        return aliceId;
    }
}
