using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// Everything about a provider comes from its metadata (RFC 8414, else OpenID Connect discovery) or its
/// configuration, the configuration winning; nothing is assumed, and the expected <c>iss</c> is the
/// metadata's issuer, else the <c>Issuer</c> setting.
/// </summary>
public sealed class ProviderMetadataTests
{
    [Fact]
    public async Task AProviderKnownByItsAuthorityAloneIsFoundThroughItsMetadata()
    {
        var channel = FakeProviders.Channel();
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);

        var login = await app.Browser().GetAsync("/login?provider=other");

        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://other.test/authorize");
        channel.Requests.Should().ContainSingle().Which.Uri.Should().Be(new Uri("http://other.test/.well-known/oauth-authorization-server"));
    }

    [Fact]
    public async Task OpenIdConnectDiscoveryIsTriedWhenThereIsNoRfc8414Metadata()
    {
        var channel = new BackChannel(request => request.RequestUri!.AbsolutePath switch
        {
            "/.well-known/oauth-authorization-server" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)),
            "/.well-known/openid-configuration" => Task.FromResult(BackChannel.Json(HttpStatusCode.OK, FakeProviders.OtherMetadata)),
            _ => FakeProviders.AnswerAsync(request),
        });
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);

        var login = await app.Browser().GetAsync("/login?provider=other");

        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://other.test/authorize");
        channel.Requests.Select(request => request.Uri.AbsolutePath).Should()
            .Equal("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration");
    }

    [Fact]
    public async Task AnEndpointInTheConfigurationWinsOverTheMetadata()
    {
        var channel = FakeProviders.Channel();
        var settings = FakeProviders.Settings();
        settings["Client:Providers:other:TokenEndpoint"] = "http://other.test/configured-token";
        using var app = new ClientAppFactory(settings, () => channel);

        await FakeProviders.SignInAsync(app.Browser(), "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);

        channel.Requests.Should().ContainSingle(request => request.Method == HttpMethod.Post)
            .Which.Uri.Should().Be(new Uri("http://other.test/configured-token"));
    }

    [Fact]
    public async Task ConfiguredAuthorizationAndTokenEndpointsFetchNoMetadata()
    {
        var channel = FakeProviders.Channel();
        var settings = FakeProviders.Settings();
        settings["Client:Providers:other:AuthorizationEndpoint"] = "http://other.test/authorize";
        settings["Client:Providers:other:TokenEndpoint"] = "http://other.test/token";
        using var app = new ClientAppFactory(settings, () => channel);

        var callback = await FakeProviders.SignInAsync(app.Browser(), "/login?provider=other", "/callback/other");

        callback.Headers.Location!.OriginalString.Should().Be("/dashboard");
        channel.Requests.Should().NotContain(request => request.Uri.AbsolutePath.StartsWith("/.well-known/"));
    }

    [Fact]
    public async Task AnIssThatIsNotTheMetadatasIssuerIsRefusedShowingBothAndNamingTheIssuerSetting()
    {
        var channel = FakeProviders.Channel();
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);

        var callback = await FakeProviders.SignInAsync(app.Browser(), "/login?provider=other", "/callback/other", iss: "http://other.test/");

        var page = await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "came from another server");
        page.Should().Contain("expected iss: http://other.test;").And.Contain("received iss: http://other.test/")
            .And.Contain("Client:Providers:other:Issuer");
        channel.Requests.Should().NotContain(request => request.Method == HttpMethod.Post);
    }

    [Theory]
    [InlineData("https://hub.test/", HttpStatusCode.Redirect)]
    [InlineData("https://hub.test", HttpStatusCode.BadRequest)]
    public async Task WithoutMetadataTheExpectedIssIsTheIssuerSetting(string iss, HttpStatusCode expected)
    {
        var settings = FakeProviders.Settings();
        settings["Client:Providers:hub:Issuer"] = "https://hub.test/";
        using var app = new ClientAppFactory(settings, () => FakeProviders.Channel());

        var callback = await FakeProviders.SignInAsync(app.Browser(), "/login?provider=hub", "/callback/hub", iss: iss);

        callback.StatusCode.Should().Be(expected);
    }

    [Theory]
    [InlineData("""{"issuer":"http://evil.example","authorization_endpoint":"http://other.test/a","token_endpoint":"http://other.test/t"}""")]
    [InlineData("""{"issuer":"http://other.test","authorization_endpoint":"http://other.test/a"}""")]
    [InlineData("""{"issuer":"http://other.test","authorization_endpoint":"javascript:alert(1)","token_endpoint":"http://other.test/t"}""")]
    [InlineData("not json")]
    public async Task UnusableMetadataIs502NamingTheProvider(string metadata)
    {
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => FakeProviders.Channel(metadata));

        var login = await app.Browser().GetAsync("/login?provider=other");

        await CallbackWithoutServerTests.ShouldBeErrorPage(login, HttpStatusCode.BadGateway, "Other Server");
    }

    [Fact]
    public async Task LogoutRevokesAtThePublishedEndpointAndSendsTheBrowserThroughThePublishedEndSession()
    {
        var channel = FakeProviders.Channel();
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);

        var logout = await browser.GetAsync("/logout");

        logout.Headers.Location.Should().Be(new Uri(
            "http://other.test/logout?client_id=other-client&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A5000%2F"));
        var revoke = channel.Requests.Single(request => request.Uri.AbsolutePath == "/revoke");
        QueryHelpers.ParseQuery(revoke.Body)["token"].ToString().Should().Be("other-refresh");
        channel.Headers.Single(request => request.Uri.AbsolutePath == "/revoke").Headers["Authorization"].Should().StartWith("Basic ");
    }

    [Fact]
    public async Task NeitherTheBrowserNorTheClientGoesToAProviderUrlThatWasNotPublished()
    {
        var channel = FakeProviders.Channel(FakeProviders.OtherMetadata
            .Replace("\"revocation_endpoint\":\"http://other.test/revoke\",", "")
            .Replace("\"end_session_endpoint\":\"http://other.test/logout\",", ""));
        using var app = new ClientAppFactory(FakeProviders.Settings(), () => channel);
        var browser = app.Browser();
        await FakeProviders.SignInAsync(browser, "/login?provider=other", "/callback/other", iss: FakeProviders.OtherIssuer);
        await browser.GetAsync("/dashboard");

        var logout = await browser.GetAsync("/logout");

        logout.Headers.Location!.OriginalString.Should().Be("/");
        channel.Requests.Select(request => request.Uri.AbsolutePath).Should()
            .Equal("/.well-known/oauth-authorization-server", "/token", "/me");
    }
}
