using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Server.Html;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Every <c>Location</c> the server writes is a valid header value whatever the input: non-ASCII is
/// percent-encoded, a target with a control character is never written, and none is very long.
/// Kestrel refuses any other value and the request would end in a 500 (the test server does not, so
/// these tests read the raw header and check it as Kestrel would).
/// </summary>
public sealed class LocationHeaderTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static string? RawLocation(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.ToString() : null;

    // What Kestrel accepts in a response header: visible ASCII and spaces, nothing else.
    private static bool IsValidHeaderValue(string value) => value.All(c => c is >= ' ' and <= '~');

    [Theory]
    [InlineData("/oauth/account/?x=é", "/oauth/account/?x=%C3%A9")]
    [InlineData("/oauth/account/?x=日本", "/oauth/account/?x=%E6%97%A5%E6%9C%AC")]
    [InlineData("/oauth/account/?x=a b", "/oauth/account/?x=a%20b")]
    public async Task ALoginReturnAddressWithNonAsciiIsPercentEncoded(string returnUrl, string expected)
    {
        var browser = _app.CreateBrowser();

        var response = await Pages.SubmitAsync(browser, "/oauth/login/", "/oauth/login/",
            ("username", "alice"), ("password", "alicepass"), ("returnUrl", returnUrl));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        RawLocation(response).Should().Be(expected);
    }

    [Theory]
    [InlineData("/oauth/account/\r\nSet-Cookie: x=1")]
    [InlineData("/oauth/account/\n")]
    [InlineData("/oauth/account/\0")]
    [InlineData("/oauth/account/\u0085")]
    public async Task ALoginReturnAddressWithAControlCharacterIsNotFollowed(string returnUrl)
    {
        var browser = _app.CreateBrowser();

        var response = await Pages.SubmitAsync(browser, "/oauth/login/", "/oauth/login/",
            ("username", "alice"), ("password", "alicepass"), ("returnUrl", returnUrl));

        // Either the form is refused as malformed (400, the login page again) or the default is used.
        ((int)response.StatusCode).Should().BeOneOf(303, 400);
        RawLocation(response).Should().BeOneOf(new string?[] { null, "/oauth/account/" });
    }

    [Fact]
    public async Task AVeryLongLoginReturnAddressIsNotFollowed()
    {
        var browser = _app.CreateBrowser();

        var response = await Pages.SubmitAsync(browser, "/oauth/login/", "/oauth/login/",
            ("username", "alice"), ("password", "alicepass"), ("returnUrl", "/oauth/account/?x=" + new string('é', 5000)));

        ((int)response.StatusCode).Should().BeOneOf(303, 400);
        RawLocation(response).Should().BeOneOf(new string?[] { null, "/oauth/account/" });
    }

    [Fact]
    public async Task ASignUpReturnAddressWithNonAsciiIsPercentEncoded()
    {
        var browser = _app.CreateBrowser();

        var response = await Pages.SubmitAsync(browser, "/oauth/register/", "/oauth/register/",
            ("username", "zoe"), ("email", "zoe@example.com"), ("password", "a long enough password"), ("returnUrl", "/oauth/account/?x=é"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        RawLocation(response).Should().Be("/oauth/account/?x=%C3%A9");
    }

    [Fact]
    public async Task ALogoutTargetWithNonAsciiIsPercentEncoded()
    {
        var response = await _app.CreateBrowser().GetAsync(LogoutPath("http://localhost:5000/é?x=ü"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        RawLocation(response).Should().Be("http://localhost:5000/%C3%A9?x=%C3%BC");
    }

    [Theory]
    [InlineData("http://localhost:5000/\r\nSet-Cookie: x=1")]
    [InlineData("http://localhost:5000/\r\n")]
    [InlineData("http://localhost:5000/\0")]
    [InlineData("http://localhost:5000/\t")]
    public async Task ALogoutTargetWithAControlCharacterShowsTheSignedOutPage(string target)
    {
        var response = await _app.CreateBrowser().GetAsync(LogoutPath(target));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        RawLocation(response).Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("Signed out");
    }

    [Fact]
    public async Task AVeryLongLogoutTargetShowsTheSignedOutPage()
    {
        var response = await _app.CreateBrowser().GetAsync(LogoutPath("http://localhost:5000/?x=" + new string('a', 5000)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        RawLocation(response).Should().BeNull();
    }

    [Fact]
    public async Task TheRedirectToTheClientCarriesANonAsciiStatePercentEncoded()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        await OAuthFlow.AuthorizeAsync(browser, "profile");

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile", state: "é\u2028日"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var location = RawLocation(response)!;
        IsValidHeaderValue(location).Should().BeTrue(location);
        QueryHelpers.ParseQuery(new Uri(location).Query)["state"].ToString().Should().Be("é\u2028日");
    }

    [Theory]
    [InlineData("/a\rb")]
    [InlineData("/a\nb")]
    [InlineData("/a\0b")]
    [InlineData("/a\u007Fb")]
    [InlineData("/a\u009Bb")]
    public void ATargetWithAControlCharacterIsNeverWritten(string target) =>
        BrowserRedirect.Encode(target).Should().BeNull();

    [Fact]
    public void ATargetLongerThanTheLimitIsNeverWritten() =>
        BrowserRedirect.Encode("/" + new string('a', BrowserRedirect.MaxLength)).Should().BeNull();

    [Fact]
    public void ALoneSurrogateIsEncodedAsTheReplacementCharacter() =>
        BrowserRedirect.Encode("/a\uD800b").Should().Be("/a%EF%BF%BDb");

    [Fact]
    public void AnAsciiTargetIsWrittenAsItIs() =>
        BrowserRedirect.Encode("http://localhost:5000/callback?code=a%2Bb&state=x").Should().Be("http://localhost:5000/callback?code=a%2Bb&state=x");

    private static string LogoutPath(string target) => QueryHelpers.AddQueryString("/oauth/logout/",
        new Dictionary<string, string?> { ["client_id"] = Demo.ClientId, ["post_logout_redirect_uri"] = target });
}
