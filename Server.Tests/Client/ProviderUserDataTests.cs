using System.Net;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// Userdata only where the provider has a userdata endpoint, published (<c>userdata_endpoint</c>) or
/// configured; the API key goes to that endpoint alone, and no URL is made up from the Authority.
/// </summary>
public sealed class ProviderUserDataTests
{
    [Fact]
    public async Task APublishedUserdataEndpointIsUsedWithTheProvidersOwnApiKeyAndTheKeyGoesNowhereElse()
    {
        var channel = new BackChannel(request => request.RequestUri!.AbsolutePath switch
        {
            "/store/o-7/" => Task.FromResult(BackChannel.Json(HttpStatusCode.OK, """{"theme":"green"}""")),
            _ => FakeProviders.AnswerAsync(request, FakeProviders.OtherMetadata.Replace("{", """{"userdata_endpoint":"http://other.test/store/",""")),
        });
        var settings = FakeProviders.Settings();
        settings["Client:Providers:other:ApiKey"] = "other-api-key";
        using var app = new ClientAppFactory(settings, () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));
        await browser.GetAsync("/logout");

        page.Should().Contain("Signed in as olivia").And.Contain("\"theme\": \"green\"");
        channel.Headers.Where(request => request.Headers.ContainsKey("X-API-Key")).Should().ContainSingle()
            .Which.Should().Match<(Uri Uri, IReadOnlyDictionary<string, string> Headers)>(request =>
                request.Uri == new Uri("http://other.test/store/o-7/") && request.Headers["X-API-Key"] == "other-api-key");
    }

    [Fact]
    public async Task AProviderSectionHasNoApiKeyOfTheDefaultsToSend()
    {
        var channel = new BackChannel(request => request.RequestUri!.AbsolutePath switch
        {
            "/store/o-7/" => Task.FromResult(BackChannel.Json(HttpStatusCode.Unauthorized, """{"title":"An API key is required."}""")),
            _ => FakeProviders.AnswerAsync(request, FakeProviders.OtherMetadata.Replace("{", """{"userdata_endpoint":"http://other.test/store/",""")),
        });
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);

        var page = await browser.GetStringAsync("/dashboard");

        page.Should().Contain("could not be read: HTTP 401");
        channel.Headers.Should().OnlyContain(request => !request.Headers.ContainsKey("X-API-Key"));
    }

    [Fact]
    public async Task WithoutAUserdataEndpointNoUserdataUrlIsMadeUpFromTheAuthority()
    {
        var settings = FakeProviders.Settings();
        settings.Remove("Client:UserDataEndpoint");
        var channel = FakeProviders.Channel();
        using var app = new ClientAppFactory(settings, () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login", "/callback");

        var page = await browser.GetStringAsync("/dashboard");

        page.Should().Contain("Signed in as alice").And.Contain("MiniOAuth keeps no userdata");
        channel.Requests.Should().NotContain(request => request.Uri.AbsolutePath.StartsWith("/oauth/userdata/"));
        channel.Headers.Should().OnlyContain(request => !request.Headers.ContainsKey("X-API-Key"));
    }

    [Fact]
    public async Task AConfiguredUserdataEndpointIsWhereTheDefaultProvidersApiKeyGoes()
    {
        var channel = FakeProviders.Channel();
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login", "/callback");

        await browser.GetStringAsync("/dashboard");

        channel.Headers.Where(request => request.Headers.ContainsKey("X-API-Key")).Select(request => request.Uri)
            .Should().Equal(new Uri("http://as.test/oauth/userdata/u1/"));
    }
}
