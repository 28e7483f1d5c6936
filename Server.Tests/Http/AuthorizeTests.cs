using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Http;

public sealed class AuthorizeTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static Dictionary<string, string> Query(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    [Fact]
    public async Task AnUnknownClientGetsAnErrorPageAndNoRedirect()
    {
        var response = await _app.CreateBrowser().GetAsync(OAuthFlow.AuthorizePath(clientId: "unknown"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriGetsAnErrorPageAndNoRedirect()
    {
        var response = await _app.CreateBrowser().GetAsync(OAuthFlow.AuthorizePath(redirectUri: "http://evil.example/callback"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task AnOverlongStateGetsAnErrorPageAndIsNeverEchoed()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var state = new string('s', 5000);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile", state: state));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("sssssssss");
        // nginx's default proxy buffer is 4 KB: the headers of an answer must stay well below it.
        response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + string.Join(", ", h.Value).Length)
            .Should().BeLessThan(2048);
    }

    [Fact]
    public async Task AnOverlongStateInJsonModeIsAnErrorWithoutTheState()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(scope: "profile", state: new string('s', 1025)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_request");
        body.TryGetProperty("state", out _).Should().BeFalse();
        body.TryGetProperty("redirect_to", out _).Should().BeFalse();
    }

    [Fact]
    public async Task AStateOfExactly1024CharactersIsEchoed()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        await OAuthFlow.AuthorizeAsync(browser, "profile");
        var state = new string('s', 1024);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile", state: state));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        Query(response.Headers.Location!)["state"].Should().Be(state);
    }

    [Theory]
    [InlineData("client_id", Demo.ClientId)]
    [InlineData("client_id", Demo.PublicClientId)]
    [InlineData("redirect_uri", Demo.RedirectUri)]
    [InlineData("redirect_uri", "http://evil.example/callback")]
    public async Task ARepeatedClientIdOrRedirectUriGetsAnErrorPageAndNoRedirect(string name, string secondValue)
    {
        var path = OAuthFlow.AuthorizePath() + $"&{name}={Uri.EscapeDataString(secondValue)}";

        var response = await _app.CreateBrowser().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{name} is sent more than once");
    }

    [Fact]
    public async Task AScriptWithAnUnregisteredRedirectUriGets400InvalidRequest()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(redirectUri: "http://evil.example/callback"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_request");
    }

    [Fact]
    public async Task AnotherRepeatedParameterGoesBackToTheRedirectUri()
    {
        var response = await _app.CreateBrowser().GetAsync(OAuthFlow.AuthorizePath(scope: "profile") + "&scope=email");

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        Query(response.Headers.Location!).Should().Contain("error", "invalid_request").And.Contain("state", "xyz");
    }

    [Theory]
    [InlineData("token", null, null, "unsupported_response_type")]
    [InlineData("code", "openid", null, "invalid_scope")]
    [InlineData("code", "profile nonsense", null, "invalid_scope")]
    [InlineData("code", null, "plain", "invalid_request")]
    public async Task OtherErrorsGoBackToTheRedirectUriWithStateAndIss(string responseType, string? scope, string? method, string error)
    {
        var path = OAuthFlow.AuthorizePath(scope: scope, responseType: responseType, challenge: method is null ? null : Demo.Challenge);
        path = method is null ? path : path.Replace("code_challenge_method=S256", $"code_challenge_method={method}");

        var response = await _app.CreateBrowser().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Demo.RedirectUri);
        Query(response.Headers.Location).Should().Contain("error", error).And.Contain("state", "xyz")
            .And.Contain("iss", MiniOAuthApplication.Issuer).And.ContainKey("error_description");
    }

    [Fact]
    public async Task APublicClientWithoutPkceIsSentBackWithInvalidRequest()
    {
        var response = await _app.CreateBrowser().GetAsync(OAuthFlow.AuthorizePath(Demo.PublicClientId, Demo.PublicRedirectUri));

        Query(response.Headers.Location!).Should().Contain("error", "invalid_request");
    }

    [Fact]
    public async Task TheJsonModeSaysLoginIsRequired()
    {
        var response = await OAuthFlow.GetJsonAsync(_app.CreateBrowser(), OAuthFlow.AuthorizePath());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("login_required");
    }

    [Fact]
    public async Task TheJsonModeAsksForConsentWithEveryRequestedScope()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath(scope: "profile email"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("consent_required");
        body.GetProperty("scope").GetString().Should().Be("profile email");
    }

    [Fact]
    public async Task TheJsonModeAnswersARedirectableErrorWithRedirectTo()
    {
        var response = await OAuthFlow.GetJsonAsync(_app.CreateBrowser(), OAuthFlow.AuthorizePath(scope: "openid"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_scope");
        body.GetProperty("state").GetString().Should().Be("xyz");
        body.GetProperty("redirect_to").GetString().Should().StartWith(Demo.RedirectUri + "?error=invalid_scope");
    }

    [Fact]
    public async Task ConsentIsRememberedForTheSameScopes()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        await OAuthFlow.AuthorizeAsync(browser, "profile email");

        var again = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "email"));

        again.StatusCode.Should().Be(HttpStatusCode.Found);
        Query(again.Headers.Location!).Should().ContainKey("code");
    }

    [Fact]
    public async Task ANewScopeOrPromptConsentShowsTheConsentPageAgain()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        await OAuthFlow.AuthorizeAsync(browser, "profile");

        var widened = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile roles"));
        var prompted = await browser.GetAsync(OAuthFlow.AuthorizePath(scope: "profile", prompt: "consent"));

        widened.StatusCode.Should().Be(HttpStatusCode.OK);
        (await widened.Content.ReadAsStringAsync()).Should().Contain("name=\"decision\" value=\"allow\"");
        prompted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await prompted.Content.ReadAsStringAsync()).Should().Contain("name=\"decision\" value=\"deny\"");
    }

    [Fact]
    public async Task DenyingSendsAccessDeniedAndIsNotRemembered()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var request = new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = Demo.ClientId, ["redirect_uri"] = Demo.RedirectUri, ["state"] = "s1", ["decision"] = "deny",
        };

        var denied = await browser.PostAsJsonAsync("/oauth/authorize/", request);
        var next = await OAuthFlow.GetJsonAsync(browser, OAuthFlow.AuthorizePath());

        denied.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await denied.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("access_denied");
        body.GetProperty("state").GetString().Should().Be("s1");
        next.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PromptNoneAnswersAtTheRedirectUriInsteadOfShowingAPage()
    {
        var browser = _app.CreateBrowser();

        var signedOut = await browser.GetAsync(OAuthFlow.AuthorizePath(prompt: "none"));
        await OAuthFlow.LoginAsync(browser);
        var noConsent = await browser.GetAsync(OAuthFlow.AuthorizePath(prompt: "none"));

        Query(signedOut.Headers.Location!).Should().Contain("error", "login_required");
        Query(noConsent.Headers.Location!).Should().Contain("error", "consent_required");
    }

    [Fact]
    public async Task PromptLoginAsksForThePasswordEvenWithASession()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);

        var response = await browser.GetAsync(OAuthFlow.AuthorizePath(prompt: "login"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.Should().StartWith("/oauth/login/?returnUrl=");
        response.Headers.Location.OriginalString.Should().NotContain("prompt");
    }

    [Fact]
    public async Task AConsentFormWithoutItsAntiforgeryFieldIsRefusedAndIssuesNoCode()
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = Demo.ClientId, ["redirect_uri"] = Demo.RedirectUri, ["decision"] = "allow",
        });

        var response = await browser.PostAsync("/oauth/authorize/", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await _app.WithDbAsync(db => Task.FromResult(db.AuthorizationCodes.Count()))).Should().Be(0);
    }

    [Fact]
    public async Task AJsonLoginWithAWrongPasswordOrUnknownUserGetsTheSameAnswer()
    {
        var browser = _app.CreateBrowser();

        var wrong = await browser.PostAsJsonAsync("/oauth/login/", new { username = "alice", password = "nope" });
        var unknown = await browser.PostAsJsonAsync("/oauth/login/", new { username = "nobody", password = "nope" });

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).Should().Be(await unknown.Content.ReadAsStringAsync());
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ALoginWithAnotherContentTypeIs415()
    {
        var response = await _app.CreateBrowser().PostAsync("/oauth/login/", new StringContent("username=alice", null, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }
}
