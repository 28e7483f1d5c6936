using System.Net;
using System.Net.Http.Json;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

public sealed class TransportTests
{
    [Fact]
    public async Task OutsideDevelopmentPlainHttpIsRedirectedToHttps()
    {
        using var app = new MiniOAuthApplication(environment: "Production");

        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/oauth/login/");

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.Scheme.Should().Be("https");
    }

    [Fact]
    public async Task OutsideDevelopmentPagesSendHstsAndCookiesAreSecure()
    {
        using var app = new MiniOAuthApplication(environment: "Production");
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://minioauth.example/") });

        var response = await client.GetAsync("/oauth/login/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
        response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure") && c.Contains("httponly"));
    }

    [Fact]
    public async Task OutsideDevelopmentTheSessionAndAntiforgeryCookiesAreHostPrefixedAndWork()
    {
        using var app = new MiniOAuthApplication(environment: "Production");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://minioauth.example/") });

        var page = await browser.GetAsync("/oauth/register/");
        var signUp = await browser.PostAsync("/oauth/register/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuthFlow.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            ["username"] = "carol", ["email"] = "carol@example.com", ["password"] = "a long enough password",
        }));

        // RFC 6265bis §4.1.3.2: a sibling host can neither set nor overwrite a __Host- cookie.
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signUp.Headers.GetValues("Set-Cookie")).ToList();
        cookies.Should().Contain(c => c.StartsWith("__Host-minioauth_server_antiforgery="))
            .And.Contain(c => c.StartsWith("__Host-minioauth_server_session="));
        cookies.Should().OnlyContain(c => c.Contains("secure") && c.Contains("path=/") && !c.Contains("domain="));
        signUp.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await browser.GetAsync("/oauth/account/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ForwardedForFromAnUntrustedPeerDoesNotEscapeTheAddressLimit()
    {
        using var app = new MiniOAuthApplication(new Dictionary<string, string?> { ["Security:LoginFailuresPerAddress"] = "3" });
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var forged = new HttpRequestMessage(HttpMethod.Post, "/oauth/login/") { Content = JsonContent.Create(new { username = $"user{i}", password = "x" }) };
            forged.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            await client.SendAsync(forged);
        }

        var next = new HttpRequestMessage(HttpMethod.Post, "/oauth/login/") { Content = JsonContent.Create(new { username = "alice", password = "alicepass" }) };
        next.Headers.Add("X-Forwarded-For", "198.51.100.7");

        (await client.SendAsync(next)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }
}
