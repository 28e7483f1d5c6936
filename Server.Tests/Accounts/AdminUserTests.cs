using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

public sealed class AdminUserTests : IDisposable
{
    private const string UsersPage = "/oauth/admin/users/";
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private Task<User> UserAsync(string username) =>
        _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Username == username));

    private async Task<string> UserPathAsync(string username) => UsersPage + (await UserAsync(username)).Id + "/";

    [Fact]
    public async Task TheListShowsEveryUserWithRolesAndStatus()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var html = await admin.GetStringAsync(UsersPage);

        html.Should().Contain("<strong>alice</strong>").And.Contain("<strong>bob</strong>").And.Contain("alice@example.com");
        html.Should().Contain("value=\"admin\"").And.Contain("Active");
        html.Should().NotContain("$2");
    }

    [Fact]
    public async Task AnAdminChangesAUsersRoles()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, UsersPage, await UserPathAsync("alice") + "roles/", ("roles", "user, editor admin"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be(UsersPage + "?notice=roles");
        (await UserAsync("alice")).Roles.Should().Equal("user", "editor", "admin");
        (await (await Pages.SignedInBrowserAsync(_app, "alice")).GetAsync(UsersPage)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("", "Give at least one role.")]
    [InlineData("Admin", "lower-case letters")]
    [InlineData("user <script>", "lower-case letters")]
    public async Task InvalidRolesAreRefusedWithAMessage(string roles, string message)
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, UsersPage, await UserPathAsync("alice") + "roles/", ("roles", roles));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message).And.NotContain("<script>");
        (await UserAsync("alice")).Roles.Should().Equal("user");
    }

    [Fact]
    public async Task AnAdminCannotLockThemselvesOut()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var self = await UserPathAsync("admin");

        var demote = await Pages.SubmitAsync(admin, UsersPage, self + "roles/", ("roles", "user"));
        var disable = await Pages.SubmitAsync(admin, UsersPage, self + "disable/");

        demote.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        disable.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var user = await UserAsync("admin");
        user.Roles.Should().Equal("admin");
        user.IsDisabled.Should().BeFalse();
    }

    [Fact]
    public async Task DisablingAUserEndsTheirTokensAndSessionsAndTheirLogin()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var aliceBrowser = await Pages.SignedInBrowserAsync(_app);
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, UsersPage, await UserPathAsync("alice") + "disable/");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await Pages.RefreshAsync(_app, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await aliceBrowser.GetAsync("/oauth/account/")).StatusCode.Should().Be(HttpStatusCode.Found);
        (await _app.WithDbAsync(db => db.LoginSessions.CountAsync())).Should().Be(1);
        var login = await _app.CreateClient().PostAsync("/oauth/login/",
            new StringContent("{\"username\":\"alice\",\"password\":\"alicepass\"}", null, "application/json"));
        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EnablingADisabledUserLetsThemLogInAgainWithoutReviving()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var alice = await UserPathAsync("alice");
        await Pages.SubmitAsync(admin, UsersPage, alice + "disable/");

        var response = await Pages.SubmitAsync(admin, UsersPage, alice + "enable/");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        await Pages.SignedInBrowserAsync(_app);
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownUserIs404()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, UsersPage, UsersPage + "nobody/disable/");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
