extern alias ClientApp;

using System.Buffers.Text;
using System.Net;
using ClientApp::MiniOAuth.Client;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniOAuth.Tests.Client;

/// <summary>
/// The checks of <c>/login</c> and <c>/callback</c> one by one: the state (RFC 6749 §10.12), the
/// issuer (RFC 9207 §2.4) and the PKCE verifier (RFC 7636). A callback that passes them all is
/// exchanged (the token endpoint is asked); one that fails any is a 400 and nothing is asked.
/// </summary>
public sealed class StateIssuerAndPkceTests : IDisposable
{
    private const string Authority = "http://as.test";
    private readonly BackChannel channel = BackChannel.Silent();
    private readonly ClientAppFactory app;
    private readonly HttpClient browser;

    public StateIssuerAndPkceTests()
    {
        app = new ClientAppFactory(ClientAppFactory.ExplicitEndpoints(Authority), () => channel);
        browser = app.Browser();
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task NewStateCarriesAtLeast128RandomBits()
    {
        var first = (await ClientAppFactory.StartLoginAsync(browser))["state"].ToString();
        var second = (await ClientAppFactory.StartLoginAsync(browser))["state"].ToString();

        Base64Url.DecodeFromChars(first).Length.Should().BeGreaterThanOrEqualTo(16);
        first.Should().NotBe(second);
    }

    [Fact]
    public async Task TheSameStateWithinTenMinutesIsExchanged()
    {
        var query = await ClientAppFactory.StartLoginAsync(browser);
        app.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        var callback = await browser.GetAsync($"/callback?code=c&state={query["state"]}");

        callback.StatusCode.Should().Be(HttpStatusCode.BadGateway, "the silent server refuses the exchange");
        channel.Requests.Should().ContainSingle().Which.Uri.AbsolutePath.Should().Be("/oauth/token/");
    }

    [Fact]
    public async Task AStateThatDiffersOnlyInItsLastCharacterIsAMismatch()
    {
        var state = (await ClientAppFactory.StartLoginAsync(browser))["state"].ToString();
        var altered = state[..^1] + (state[^1] == 'A' ? 'B' : 'A');

        var callback = await browser.GetAsync($"/callback?code=c&state={altered}");

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "does not belong to this sign-in");
        channel.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/callback?code=c")]
    [InlineData("/callback?code=c&state=")]
    public async Task AMissingOrEmptyStateIsRefused(string callbackUrl)
    {
        await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync(callbackUrl);

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "no state");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ANewLoginReplacesTheStateOfTheEarlierOne()
    {
        var earlier = (await ClientAppFactory.StartLoginAsync(browser))["state"];
        await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=c&state={earlier}");

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "does not belong to this sign-in");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task TheExpectedIssuerIsAccepted()
    {
        var query = await ClientAppFactory.StartLoginAsync(browser);

        await browser.GetAsync($"/callback?code=c&state={query["state"]}&iss={Uri.EscapeDataString(Authority)}");

        channel.Requests.Should().ContainSingle().Which.Uri.AbsolutePath.Should().Be("/oauth/token/");
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://as.test/")]
    [InlineData("HTTP://AS.TEST")]
    public async Task AnyOtherIssuerIsForeign(string returned)
    {
        var query = await ClientAppFactory.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/callback?code=c&state={query["state"]}&iss={Uri.EscapeDataString(returned)}");

        await CallbackWithoutServerTests.ShouldBeErrorPage(callback, HttpStatusCode.BadRequest, "came from another server");
        channel.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AMissingIssuerIsAcceptedWhenTheServerDoesNotPromiseIt()
    {
        var query = await ClientAppFactory.StartLoginAsync(browser);

        await browser.GetAsync($"/callback?code=c&state={query["state"]}");

        channel.Requests.Should().ContainSingle().Which.Uri.AbsolutePath.Should().Be("/oauth/token/");
    }

    [Fact]
    public void ChallengeMatchesTheRfc7636AppendixBExample()
    {
        var verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        var challenge = Login.CodeChallenge(verifier);

        challenge.Should().Be("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    [Fact]
    public async Task VerifierIs43UnreservedCharactersCarrying256RandomBitsAndIsNotTheState()
    {
        var query = await ClientAppFactory.StartLoginAsync(browser);

        await browser.GetAsync($"/callback?code=c&state={query["state"]}");

        var verifier = QueryHelpers.ParseQuery(channel.Requests.Single().Body)["code_verifier"].ToString();
        verifier.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9._~-]+$").And.NotBe(query["state"].ToString());
        Base64Url.DecodeFromChars(verifier).Should().HaveCount(32);
    }

    [Fact]
    public void EveryRandomValueIsNew()
    {
        var values = Enumerable.Range(0, 100).Select(_ => RandomToken.Create()).ToList();

        values.Should().OnlyHaveUniqueItems();
    }
}
