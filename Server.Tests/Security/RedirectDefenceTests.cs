using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Server.Clients;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Where the server sends browsers: only to exactly registered redirect URIs (RFC 9700 §4.1.3), never
/// as an open redirector (§4.11), with the state and issuer the client checks (§4.7, §4.4.2.1), and
/// with 303 after a form POST (§4.12).
/// </summary>
public sealed class RedirectDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("http://localhost:5000/callback/")]
    [InlineData("http://LOCALHOST:5000/callback")]
    [InlineData("http://localhost:5000/Callback")]
    [InlineData("http://localhost:5000/callback?next=elsewhere")]
    [InlineData("http://localhost:5000/callback/../evil")]
    [InlineData("http://localhost:5001/callback")]
    [InlineData("https://localhost:5000/callback")]
    [InlineData("http://localhost:5000@evil.example/callback")]
    [InlineData("http://localhost:3000/callback")]
    public async Task ARedirectUriThatDiffersInAnyWayGetsAnErrorPageAndNoRedirect(string redirectUri)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(redirectUri: redirectUri));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Theory]
    [InlineData(Demo.ClientId, "http://localhost:5000/", true)]
    [InlineData(Demo.ClientId, "http://localhost:5000/signed-out?x=1", true)]
    [InlineData(Demo.ClientId, "http://evil.example/", false)]
    [InlineData(Demo.ClientId, "http://localhost:5000@evil.example/", false)]
    [InlineData(Demo.ClientId, "http://localhost:3000/", false)]
    [InlineData(Demo.ClientId, "//evil.example/", false)]
    [InlineData(Demo.ClientId, "javascript:alert(1)", false)]
    [InlineData(Demo.PublicClientId, "http://localhost:5000/", false)]
    [InlineData("unknown", "http://localhost:5000/", false)]
    public async Task LogoutReturnsOnlyToTheOriginOfOneOfThatClientsRedirectUris(string clientId, string target, bool followed)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await browser.GetAsync(QueryHelpers.AddQueryString("/oauth/logout/",
            new Dictionary<string, string?> { ["client_id"] = clientId, ["post_logout_redirect_uri"] = target }));

        response.StatusCode.Should().Be(followed ? HttpStatusCode.Found : HttpStatusCode.OK);
        response.Headers.Location?.OriginalString.Should().Be(followed ? target : null);
        (await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://shop.example/callback", true)]
    [InlineData("http://localhost:5000/callback", true)]
    [InlineData("http://127.0.0.1:8080/callback", true)]
    [InlineData("http://[::1]:8080/callback", true)]
    [InlineData("http://shop.example/callback", false)]
    [InlineData("https://shop.example/callback#fragment", false)]
    [InlineData("/callback", false)]
    [InlineData("javascript:alert(1)", false)]
    public void ARedirectUriIsRegisteredOnlyWithHttpsOrOnLoopback(string uri, bool acceptable) =>
        // RFC 9700 §2.6: authorization responses never travel unencrypted, except to the user's own machine.
        RedirectUris.IsAcceptable(uri).Should().Be(acceptable);

    [Fact]
    public async Task TheAuthorizationResponseCarriesTheStateUnchangedAndTheIssuer()
    {
        const string state = "a b+c&d=e/?é%20\"<>";
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        await OAuthFlow.AuthorizeAsync(browser);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(state: state));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        query["state"].ToString().Should().Be(state);
        query["iss"].ToString().Should().Be(MiniOAuthApplication.Issuer);
        query["code"].ToString().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("allow", true)]
    [InlineData("deny", true)]
    [InlineData("allow", false)]
    public async Task EveryRedirectAnsweringAFormPostIsA303(string decision, bool signedIn)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var consentPage = await browser.GetStringAsync(OAuthFlow.AuthorizePath(scope: "email"));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(consentPage), ["response_type"] = "code",
            ["client_id"] = Demo.ClientId, ["redirect_uri"] = Demo.RedirectUri, ["scope"] = "email", ["decision"] = decision,
        };
        if (!signedIn)
        {
            await browser.GetAsync("/oauth/logout/");
        }

        var response = await browser.PostAsync("/oauth/authorize/", new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, "a 307 would re-post the form to the next address");
        response.Headers.Location!.OriginalString.Should().StartWith(signedIn ? Demo.RedirectUri : "/oauth/login/");
    }
}
