using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

public sealed class SignUpTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<HttpResponseMessage> SignUpAsync(HttpClient browser, string username, string email, string password, string returnUrl = "") =>
        await Pages.SubmitAsync(browser, "/oauth/register/", "/oauth/register/",
            ("username", username), ("email", email), ("password", password), ("returnUrl", returnUrl));

    [Fact]
    public async Task ASignUpCreatesTheUserSignsThemInAndReturnsToTheLocalAddress()
    {
        var browser = _app.CreateBrowser();

        var response = await SignUpAsync(browser, "carol", "carol@example.com", "a long password", "/oauth/authorize/?x=1");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be("/oauth/authorize/?x=1");
        var account = await browser.GetAsync("/oauth/account/");
        account.StatusCode.Should().Be(HttpStatusCode.OK);
        (await account.Content.ReadAsStringAsync()).Should().Contain("<strong>carol</strong>");
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Username == "carol"));
        user.Email.Should().Be("carol@example.com");
        user.Roles.Should().Equal("user");
        user.PasswordHash.Should().StartWith("$2");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task ASignUpNeverReturnsToAnotherSite(string returnUrl)
    {
        var response = await SignUpAsync(_app.CreateBrowser(), "carol", "carol@example.com", "a long password", returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be("/oauth/account/");
    }

    [Fact]
    public async Task SignUpsFromOneAddressAreLimitedPerWindow()
    {
        using var app = new MiniOAuthApplication(new Dictionary<string, string?>
        {
            ["Security:SignUpsPerAddress"] = "2",
            ["Security:LoginFailureWindow"] = "00:10:00",
        });
        Task<HttpResponseMessage> SignUp(string username) =>
            SignUpAsync(app.CreateBrowser(), username, $"{username}@example.com", "a long password");

        (await SignUp("carol")).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await SignUp("dave")).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var refused = await SignUp("erin");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(590, 600);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many sign-ups");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == "erin"))).Should().BeFalse();

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        (await SignUp("erin")).StatusCode.Should().Be(HttpStatusCode.SeeOther);
    }

    [Theory]
    [InlineData("carol", "carol@example.com", "a password of more than seventy-two bytes, which BCrypt would cut short!!", "too long")]
    [InlineData("c d", "carol@example.com", "a long password", "Username: 3 to 64 letters")]
    [InlineData("ALICE", "carol@example.com", "a long password", "This username is taken.")]
    [InlineData("carol", "not-an-email", "a long password", "Enter a valid email address.")]
    [InlineData("carol", "", "a long password", "Enter your email address.")]
    [InlineData("carol", "carol@example.com", "short", "at least 10 characters")]
    [InlineData("carolcarol", "carol@example.com", "CAROLCAROL", "must not be the username")]
    public async Task AnInvalidSignUpShowsTheMessageBesideTheFormAndCreatesNobody(string username, string email, string password, string message)
    {
        var response = await SignUpAsync(_app.CreateBrowser(), username, email, password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(message).And.Contain("name=\"username\"");
        (await _app.WithDbAsync(db => db.Users.CountAsync())).Should().Be(3);
    }

    [Fact]
    public async Task TheLoginPageLinksToSignUpWithTheSameReturnAddress()
    {
        var html = await _app.CreateBrowser().GetStringAsync("/oauth/login/?returnUrl=%2Foauth%2Fauthorize%2F%3Fclient_id%3Dx");

        html.Should().Contain("href=\"/oauth/register/?returnUrl=%2Foauth%2Fauthorize%2F%3Fclient_id%3Dx\"");
    }

    [Fact]
    public async Task TheSignUpPageKeepsTheReturnAddressAndLinksToLogin()
    {
        var html = await _app.CreateBrowser().GetStringAsync("/oauth/register?returnUrl=%2Foauth%2Faccount%2F");

        html.Should().Contain("name=\"returnUrl\" value=\"/oauth/account/\"");
        html.Should().Contain("name=\"" + Pages.TokenField + "\"");
    }
}
