using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.UserData.UserDataApi;

namespace MiniOAuth.Tests.UserData;

/// <summary>Who reaches whose data: API keys, Bearer tokens, other clients and other users.</summary>
public sealed class UserDataAccessTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnApiKeyReadsAndWritesTheDataOfAUserWhoConsented()
    {
        var alice = await ConsentAsync(_app, "alice");

        var put = await PutAsync(_app, alice, """{"theme":"dark"}""");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice)).Should().Be("""{"theme":"dark"}""");
    }

    [Fact]
    public async Task ABearerTokenWithScopeUserdataReachesItsOwnUserForItsClient()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, "alice", "profile userdata");
        var alice = await UserIdAsync(_app, "alice");

        var put = await PutAsync(_app, alice, """{"from":"bearer"}""", Caller.Bearer(tokens.AccessToken));

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(_app, alice, Caller.Bearer(tokens.AccessToken))).Should().Be("""{"from":"bearer"}""");
        (await GetAsync(_app, alice, Caller.DemoKey)).Should().Be("""{"from":"bearer"}""", "the key and the token belong to the same client");
    }

    [Fact]
    public async Task AnApiKeyGetsTheSame404ForAUserWithoutConsentAndForNoUserAtAll()
    {
        var bob = await UserIdAsync(_app, "bob");

        var notConsented = await SendAsync(_app, HttpMethod.Get, bob, Caller.DemoKey);
        var nobody = await SendAsync(_app, HttpMethod.Get, "no-such-user", Caller.DemoKey);

        notConsented.StatusCode.Should().Be(HttpStatusCode.NotFound);
        nobody.StatusCode.Should().Be(HttpStatusCode.NotFound);
        notConsented.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ProblemAsync(notConsented)).Should().Be(await ProblemAsync(nobody));
    }

    [Fact]
    public async Task AnApiKeyStopsReachingAUserWhoseConsentIsGone()
    {
        var alice = await ConsentAsync(_app, "alice");
        await PutAsync(_app, alice, """{"a":1}""");

        await _app.WithDbAsync(db => db.Consents.Where(c => c.UserId == alice).ExecuteDeleteAsync());
        var response = await SendAsync(_app, HttpMethod.Get, alice, Caller.DemoKey);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData(Demo.ClientSecret)]
    public async Task AMissingOrWrongApiKeyIs401ProblemDetails(string? apiKey)
    {
        var alice = await ConsentAsync(_app, "alice");

        var response = await SendAsync(_app, HttpMethod.Get, alice, new Caller(apiKey));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AnApiKeyAndABearerTokenAtOnceAre400()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, "alice", "userdata");
        var alice = await UserIdAsync(_app, "alice");

        var response = await SendAsync(_app, HttpMethod.Put, alice, new Caller(Demo.ApiKey, tokens.AccessToken), """{"a":1}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await GetAsync(_app, alice)).Should().Be("{}");
    }

    [Fact]
    public async Task ATokenWithoutScopeUserdataIs403InsufficientScopeWithProblemDetails()
    {
        var tokens = await OAuthFlow.SignInAsync(_app, "alice", "profile email");
        var alice = await UserIdAsync(_app, "alice");

        var response = await SendAsync(_app, HttpMethod.Get, alice, Caller.Bearer(tokens.AccessToken));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task AClientCredentialsTokenIs403InsufficientScopeEvenWithScopeUserdata()
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "userdata" };
        var tokens = await OAuthFlow.ReadTokensAsync(await OAuthFlow.PostTokenAsync(_app.CreateClient(), form));

        var response = await SendAsync(_app, HttpMethod.Get, Demo.ClientId, Caller.Bearer(tokens.AccessToken));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
    }

    [Fact]
    public async Task ATokenReachesOnlyItsOwnUser()
    {
        var aliceTokens = await OAuthFlow.SignInAsync(_app, "alice", "userdata");
        var bob = await ConsentAsync(_app, "bob");
        await PutAsync(_app, bob, """{"bob":"private"}""");

        var read = await SendAsync(_app, HttpMethod.Get, bob, Caller.Bearer(aliceTokens.AccessToken));
        var write = await SendAsync(_app, HttpMethod.Put, bob, Caller.Bearer(aliceTokens.AccessToken), """{"x":1}""");

        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await GetAsync(_app, bob)).Should().Be("""{"bob":"private"}""");
    }

    [Fact]
    public async Task ABadTokenIs401InvalidTokenAndNoTokenIs401WithAPlainChallenge()
    {
        var alice = await ConsentAsync(_app, "alice");

        var bad = await SendAsync(_app, HttpMethod.Get, alice, Caller.Bearer("not-a-token"));
        var none = await SendAsync(_app, HttpMethod.Get, alice, new Caller());

        bad.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        bad.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer" && !h.ToString().Contains("error"));
    }

    [Fact]
    public async Task AnotherClientNeverSeesOrChangesTheDemoClientsData()
    {
        var other = await RegisterClientAsync(_app);
        var alice = await ConsentAsync(_app, "alice");
        await ConsentAsync(_app, "alice", other.ClientId, other.RedirectUri);
        await PutAsync(_app, alice, """{"demo":"secret"}""");

        var otherRead = await GetAsync(_app, alice, Caller.Key(other.ApiKey));
        await PutAsync(_app, alice, """{"other":true}""", Caller.Key(other.ApiKey));
        await SendAsync(_app, HttpMethod.Delete, alice, Caller.Key(other.ApiKey));

        otherRead.Should().Be("{}");
        (await GetAsync(_app, alice)).Should().Be("""{"demo":"secret"}""");
    }

    [Fact]
    public async Task OneUsersDataIsNotAnotherUsers()
    {
        var alice = await ConsentAsync(_app, "alice");
        var bob = await ConsentAsync(_app, "bob");

        await PutAsync(_app, alice, """{"owner":"alice"}""");
        await PatchAsync(_app, bob, """{"owner":"bob"}""");

        (await GetAsync(_app, alice)).Should().Be("""{"owner":"alice"}""");
        (await GetAsync(_app, bob)).Should().Be("""{"owner":"bob"}""");
    }

    [Fact]
    public async Task APublicClientsOriginMayCallWithABearerTokenButNotWithAnApiKey()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/oauth/userdata/someone/");
        preflight.Headers.Add("Origin", "http://localhost:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        var withKey = new HttpRequestMessage(HttpMethod.Options, "/oauth/userdata/someone/");
        withKey.Headers.Add("Origin", "http://localhost:3000");
        withKey.Headers.Add("Access-Control-Request-Method", "GET");
        withKey.Headers.Add("Access-Control-Request-Headers", "x-api-key");

        var bearer = await _app.CreateClient().SendAsync(preflight);
        var key = await _app.CreateClient().SendAsync(withKey);

        bearer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
        bearer.Headers.GetValues("Access-Control-Allow-Headers").Should().Contain(h => h.Contains("Authorization"));
        key.Headers.GetValues("Access-Control-Allow-Headers").Should().NotContain(h => h.Contains("X-API-Key", StringComparison.OrdinalIgnoreCase));
    }

    // The problem without its traceId, which differs per request.
    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return $"{problem.GetProperty("status")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
    }
}
