using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

public sealed class AdminAccessTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> AdminPages => new()
    {
        "/oauth/admin/", "/oauth/admin/clients/", "/oauth/admin/clients/new/", "/oauth/admin/clients/23423423/", "/oauth/admin/clients/23423423/delete/", "/oauth/admin/users/",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task ANonAdminGets403(string page)
    {
        var browser = await Pages.SignedInBrowserAsync(_app, "alice");

        var response = await browser.GetAsync(page);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("for administrators only");
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task ASignedOutVisitorIsSentToLogIn(string page)
    {
        var response = await _app.CreateBrowser().GetAsync(page);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        Pages.Location(response).Should().StartWith("/oauth/login/?returnUrl=%2Foauth%2Fadmin");
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AnAdminSeesThePage(string page)
    {
        var browser = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await browser.GetAsync(page);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Found);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task ANonAdminWithAValidFormTokenStillCannotDeleteAClient()
    {
        var browser = await Pages.SignedInBrowserAsync(_app, "alice");

        var response = await Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/admin/clients/23423423/delete/");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == Demo.ClientId))).Should().BeTrue();
    }

    [Fact]
    public async Task ASignedOutFormPostIsSentToLogInWith303AndDoesNothing()
    {
        var browser = _app.CreateBrowser();

        var response = await Pages.SubmitAsync(browser, "/oauth/login/", "/oauth/admin/clients/23423423/delete/");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be("/oauth/login/?returnUrl=%2Foauth%2Fadmin%2Fclients%2F");
        (await _app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == Demo.ClientId))).Should().BeTrue();
    }

    [Fact]
    public async Task AUserWhoLosesTheAdminRoleLosesTheConsoleAtTheNextRequest()
    {
        var browser = await Pages.SignedInBrowserAsync(_app, "admin");
        await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "admin")
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Roles, new List<string> { "user" })));

        var response = await browser.GetAsync("/oauth/admin/clients/");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
