using System.Net;

namespace MiniOAuth.Tests.Client;

/// <summary>RFC 8414 discovery and what the client takes from it (RFC 9207's promise of <c>iss</c>).</summary>
public sealed class DiscoveryTests
{
    private const string Metadata = """
        {"issuer":"http://as.test","authorization_endpoint":"http://as.test/oauth/authorize/","token_endpoint":"http://as.test/oauth/token/",
         "userinfo_endpoint":"http://as.test/oauth/userinfo/","authorization_response_iss_parameter_supported":true}
        """;

    [Fact]
    public async Task TheAuthorizeUrlComesFromTheServersMetadata()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.OK, Metadata)));
        using var app = new ClientAppFactory(new Dictionary<string, string?> { ["Client:Authority"] = "http://as.test" }, () => channel);

        var login = await app.Browser().GetAsync("/login");

        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://as.test/oauth/authorize/");
        channel.Requests.Should().ContainSingle().Which.Uri.Should().Be(new Uri("http://as.test/.well-known/oauth-authorization-server"));
    }

    [Fact]
    public async Task AMissingIssIsRefusedWhenTheMetadataPromisesIt()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.OK, Metadata)));
        using var app = new ClientAppFactory(new Dictionary<string, string?> { ["Client:Authority"] = "http://as.test" }, () => channel);
        var browser = app.Browser();
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=some-code&state={query["state"]}");

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "did not name its issuer");
        channel.Requests.Should().OnlyContain(request => request.Uri.AbsolutePath.StartsWith("/.well-known/"));
    }

    [Fact]
    public async Task MetadataNamingAnotherIssuerIsNotTrusted()
    {
        var channel = new BackChannel(_ => Task.FromResult(BackChannel.Json(HttpStatusCode.OK, Metadata.Replace("\"issuer\":\"http://as.test\"", "\"issuer\":\"http://evil.example\""))));
        using var app = new ClientAppFactory(new Dictionary<string, string?> { ["Client:Authority"] = "http://as.test" }, () => channel);

        var login = await app.Browser().GetAsync("/login");

        await CallbackWithoutServerTests.ShouldBeErrorPage(login, HttpStatusCode.BadGateway, "evil.example");
    }
}
