using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Clients;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// What a malicious website can try against a signed-in browser: framing (RFC 9700 §4.16), reading
/// codes from the Referer (§4.2.4), injecting markup, forging a consent (§4.7), or calling the
/// server cross-origin (§2.6).
/// </summary>
public sealed class BrowserDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/oauth/login/")]
    [InlineData("/oauth/register/")]
    [InlineData("/oauth/logout/")]
    [InlineData("/oauth/authorize/?client_id=unknown")]
    [InlineData("consent")]
    [InlineData("/oauth/account/")]
    [InlineData("/")]
    public async Task EveryPageForbidsFramingSniffingAndReferrers(string page)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await browser.GetAsync(page == "consent" ? OAuthFlow.AuthorizePath(scope: "email") : page);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'self'; frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task TheSessionAndAntiforgeryCookiesAreHttpOnlyAndSameSiteLax()
    {
        var browser = _app.CreateBrowser();

        var login = await browser.PostAsJsonAsync("/oauth/login/", new { username = "alice", password = "alicepass" });
        var page = await browser.GetAsync("/oauth/register/");

        var cookies = login.Headers.GetValues("Set-Cookie").Concat(page.Headers.GetValues("Set-Cookie")).ToList();
        cookies.Should().Contain(c => c.StartsWith("minioauth_server_session=")).And.Contain(c => c.StartsWith("minioauth_server_antiforgery="));
        cookies.Should().OnlyContain(c => c.Contains("httponly") && c.Contains("samesite=lax"));
    }

    [Fact]
    public async Task AClientNameAndStateWithMarkupAreEncodedOnTheConsentPage()
    {
        var client = await RegisterClientAsync("<script>alert('name')</script>");
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var page = await browser.GetStringAsync(OAuthFlow.AuthorizePath(client, "https://shop.example/cb", state: "\"><script>alert('state')</script>"));

        page.Should().Contain("Allow").And.Contain("&lt;script&gt;alert(&#x27;name&#x27;)");
        page.Should().NotContain("<script>");
    }

    [Fact]
    public async Task AConsentPostedAsTextPlainIsRefusedAndIssuesNoCode()
    {
        // A cross-site HTML form can send text/plain with a body that parses as JSON, but never application/json.
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var body = $$"""{"response_type":"code","client_id":"{{Demo.ClientId}}","redirect_uri":"{{Demo.RedirectUri}}","decision":"allow"}""";

        var response = await browser.PostAsync("/oauth/authorize/", new StringContent(body, null, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await _app.WithDbAsync(db => Task.FromResult(db.AuthorizationCodes.Count()))).Should().Be(0);
        (await _app.WithDbAsync(db => Task.FromResult(db.Consents.Count()))).Should().Be(0);
    }

    [Theory]
    [InlineData("/oauth/authorize/", "GET")]
    [InlineData("/oauth/authorize/", "POST")]
    [InlineData("/oauth/login/", "POST")]
    [InlineData("/oauth/introspect/", "POST")]
    [InlineData("/oauth/logout/", "POST")]
    public async Task EndpointsThatBrowsersReachOnlyByNavigationAllowNoOrigin(string path, string method)
    {
        // RFC 9700 §2.6: no CORS at the authorization endpoint; none where a page's script has no business either.
        var preflight = await PreflightAsync(path, method, "http://localhost:3000");

        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("null")]
    [InlineData("http://localhost:3000.evil.example")]
    public async Task OnlyTheOriginsOfPublicClientsMayCallTheTokenEndpoint(string origin)
    {
        // http://localhost:5000 is the confidential demo client's origin: its secret must never be in a browser.
        var preflight = await PreflightAsync("/oauth/token/", "POST", origin);

        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string method, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return _app.CreateClient().SendAsync(request);
    }

    private async Task<string> RegisterClientAsync(string name)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ClientRegistration>()
            .CreateAsync(new NewClient(name, ["https://shop.example/cb"], IsPublic: false, RequirePkce: false));
        return registered.Client.Id;
    }
}
