using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

public sealed class AccountPageTests : IDisposable
{
    private const string NewPassword = "correct horse battery";
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient browser, string current, string next, string? confirm = null) =>
        Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/account/password/",
            ("current_password", current), ("new_password", next), ("confirm_password", confirm ?? next));

    [Fact]
    public async Task ASignedOutVisitorIsSentToLogInAndBroughtBack()
    {
        var response = await _app.CreateBrowser().GetAsync("/oauth/account");

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        Pages.Location(response).Should().Be("/oauth/login/?returnUrl=%2Foauth%2Faccount");
    }

    [Fact]
    public async Task ChangingThePasswordEndsEveryTokenAndOtherSessionButKeepsThisBrowserSignedIn()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var otherSession = await Pages.SignedInBrowserAsync(_app);
        var browser = await Pages.SignedInBrowserAsync(_app);

        var response = await ChangePasswordAsync(browser, "alicepass", NewPassword);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be("/oauth/account/?notice=password");
        (await Pages.RefreshAsync(_app, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await otherSession.GetAsync("/oauth/account/")).StatusCode.Should().Be(HttpStatusCode.Found);
        (await browser.GetStringAsync("/oauth/account/?notice=password")).Should().Contain("Password changed.");
        await Pages.SignedInBrowserAsync(_app, "alice", NewPassword);
    }

    [Fact]
    public async Task ACodeIssuedBeforeThePasswordChangeNoLongerBuysTokens()
    {
        var browser = await Pages.SignedInBrowserAsync(_app);
        var code = await OAuthFlow.AuthorizeAsync(browser, "profile", Demo.Challenge);

        await ChangePasswordAsync(browser, "alicepass", NewPassword);
        var exchange = await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Demo.RedirectUri, ["code_verifier"] = Demo.Verifier,
        });

        exchange.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(exchange)).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task TheOldPasswordNoLongerLogsIn()
    {
        await ChangePasswordAsync(await Pages.SignedInBrowserAsync(_app), "alicepass", NewPassword);

        var login = await _app.CreateClient().PostAsync("/oauth/login/",
            new StringContent("{\"username\":\"alice\",\"password\":\"alicepass\"}", null, "application/json"));

        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong password", NewPassword, null, "The current password is wrong.")]
    [InlineData("alicepass", "short", null, "at least 10 characters")]
    [InlineData("alicepass", NewPassword, "something else", "The two new passwords differ.")]
    public async Task ARefusedPasswordChangeSaysWhyAndChangesNothing(string current, string next, string? confirm, string message)
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var hash = await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "alice").Select(u => u.PasswordHash).SingleAsync());

        var response = await ChangePasswordAsync(await Pages.SignedInBrowserAsync(_app), current, next, confirm);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "alice").Select(u => u.PasswordHash).SingleAsync())).Should().Be(hash);
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuthorizedAppsListsTheConsentedClientWithItsScopes()
    {
        await OAuthFlow.SignInAsync(_app, scope: "profile email");

        var html = await (await Pages.SignedInBrowserAsync(_app)).GetStringAsync("/oauth/account/");

        html.Should().Contain("MiniOAuth demo client").And.Contain("<td>profile email</td>");
        html.Should().Contain("href=\"/oauth/account/apps/revoke/?client_id=23423423\"");
    }

    [Fact]
    public async Task RevokingAnAppEndsItsTokensConsentAndUserDataAtOnce()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var browser = await Pages.SignedInBrowserAsync(_app);
        var aliceId = await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "alice").Select(u => u.Id).SingleAsync());
        await _app.WithDbAsync(db => { db.UserData.Add(new UserDataEntry { ClientId = Demo.ClientId, UserId = aliceId, Json = "{}" }); return db.SaveChangesAsync(); });

        var response = await Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/account/apps/revoke/", ("client_id", Demo.ClientId));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await Pages.RefreshAsync(_app, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.WithDbAsync(db => db.Consents.AnyAsync(c => c.UserId == aliceId))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.UserData.AnyAsync(d => d.UserId == aliceId))).Should().BeFalse();
        var again = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(scope: "profile"));
        again.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevokingAnAppLeavesItsOtherUsersAlone()
    {
        var bob = await OAuthFlow.SignInAsync(_app, "bob");
        await OAuthFlow.SignInAsync(_app);
        var browser = await Pages.SignedInBrowserAsync(_app);

        await Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/account/apps/revoke/", ("client_id", Demo.ClientId));

        (await Pages.UserInfoStatusAsync(_app, bob.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await _app.WithDbAsync(db => db.Consents.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var browser = await Pages.SignedInBrowserAsync(_app);

        var response = await Pages.SubmitAsync(browser, "/oauth/account/", "/oauth/account/signout/");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await browser.GetAsync("/oauth/account/")).StatusCode.Should().Be(HttpStatusCode.Found);
        (await _app.WithDbAsync(db => db.LoginSessions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task TheAccountPageIsNeverCachedAndLinksAdminsToTheConsole()
    {
        var forAdmin = await (await Pages.SignedInBrowserAsync(_app, "admin")).GetAsync("/oauth/account/");
        var forAlice = await (await Pages.SignedInBrowserAsync(_app)).GetStringAsync("/oauth/account/");

        forAdmin.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await forAdmin.Content.ReadAsStringAsync()).Should().Contain("href=\"/oauth/admin/\"");
        forAlice.Should().NotContain("/oauth/admin/");
    }
}
