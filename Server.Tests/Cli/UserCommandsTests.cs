using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Cli;

public sealed class UserCommandsTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private Task<List<string>> RolesAsync(string username) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Username == username).Select(u => u.Roles).SingleAsync());

    [Fact]
    public async Task SetRoleReplacesTheUsersRoles()
    {
        var printed = await Cli.JsonAsync(_app, "set-role", "--username", "Bob", "--role", "admin", "--role", "editor");

        printed.GetProperty("username").GetString().Should().Be("bob");
        (await RolesAsync("bob")).Should().Equal("admin", "editor");
        (await (await Pages.SignedInBrowserAsync(_app, "bob")).GetAsync("/oauth/admin/users/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("set-role", "--username", "bob")]
    [InlineData("set-role", "--role", "admin")]
    [InlineData("set-role", "--username", "bob", "--role", "Admin")]
    [InlineData("disable-user")]
    [InlineData("enable-user", "--username")]
    public async Task BadArgumentsGiveAMessageAndExitCode2(params string[] args)
    {
        var (exit, output, error) = await Cli.RunAsync(_app, args);

        exit.Should().Be(2);
        error.Should().StartWith("error: ");
        output.Should().BeEmpty();
        (await RolesAsync("bob")).Should().Equal("user");
    }

    [Theory]
    [InlineData("set-role", "--username", "nobody", "--role", "admin")]
    [InlineData("disable-user", "--username", "nobody")]
    [InlineData("enable-user", "--username", "nobody")]
    public async Task AnUnknownUserFailsWithExitCode1(params string[] args)
    {
        var (exit, _, error) = await Cli.RunAsync(_app, args);

        exit.Should().Be(1);
        error.Should().Contain("No user is named 'nobody'.");
    }

    [Fact]
    public async Task DisableUserEndsTheirTokensAndLogin()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var printed = await Cli.JsonAsync(_app, "disable-user", "--username", "alice");

        printed.GetProperty("disabled").GetBoolean().Should().BeTrue();
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await Pages.RefreshAsync(_app, tokens.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var login = await _app.CreateClient().PostAsync("/oauth/login/",
            new StringContent("{\"username\":\"alice\",\"password\":\"alicepass\"}", null, "application/json"));
        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EnableUserLetsThemLogInAgain()
    {
        await Cli.JsonAsync(_app, "disable-user", "--username", "alice");

        var printed = await Cli.JsonAsync(_app, "enable-user", "--username", "alice");

        printed.GetProperty("disabled").GetBoolean().Should().BeFalse();
        await Pages.SignedInBrowserAsync(_app);
    }
}
