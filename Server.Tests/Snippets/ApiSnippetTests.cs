using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Token;
using MiniOAuth.Tests.Infrastructure;
using static MiniOAuth.Tests.Lifecycle.LifecycleFlow;

namespace MiniOAuth.Tests.Snippets;

/// <summary>
/// The README's API (<see cref="ApiSnippet"/>) takes the server's access tokens and nothing else: not an
/// expired one, not another kind of JWT, not a forged one (all refused before any call to the server),
/// and not a revoked one, which only introspection as a resource server can tell.
/// </summary>
public sealed class ApiSnippetTests
{
    private const string Introspection = "/oauth/introspect/";

    [Fact]
    public async Task AnAccessTokenOfTheServerIsAccepted()
    {
        await using var api = await StartAsync();
        var tokens = await OAuthFlow.SignInAsync(api.Server);

        var response = await GetOrdersAsync(api, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be($"Orders of {PayloadOf(tokens.AccessToken).GetProperty("sub")}");
        api.ServerCalls.Should().Contain(Introspection);
    }

    [Fact]
    public async Task ATokenThatExpiredAMinuteAgoIsRefusedNotAcceptedForFiveMinutesMore()
    {
        // The handler reads the machine's clock, so the server issues from 16 minutes ago: 15 minutes of lifetime.
        await using var api = await StartAsync(serverClockOffset: TimeSpan.FromMinutes(-16));
        var tokens = await OAuthFlow.SignInAsync(api.Server);

        var response = await GetOrdersAsync(api, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ChallengeOf(response).Should().Contain("error=\"invalid_token\"").And.Contain("The token expired");
        api.ServerCalls.Should().NotContain(Introspection);
    }

    [Theory]
    [InlineData("at+jwt", SecurityAlgorithms.EcdsaSha256, true, HttpStatusCode.OK)]
    [InlineData("JWT", SecurityAlgorithms.EcdsaSha256, true, HttpStatusCode.Unauthorized)]
    [InlineData("at+jwt", SecurityAlgorithms.EcdsaSha384, true, HttpStatusCode.Unauthorized)]
    [InlineData("at+jwt", SecurityAlgorithms.EcdsaSha256, false, HttpStatusCode.Unauthorized)]
    public async Task OnlyAnES256AccessTokenSignedWithTheServersKeyIsAccepted(
        string type, string algorithm, bool serversKey, HttpStatusCode expected)
    {
        await using var api = await StartAsync();
        var genuine = await OAuthFlow.SignInAsync(api.Server);

        var reissued = await ReissueAsync(api, genuine.AccessToken, type, algorithm, serversKey);
        var response = await GetOrdersAsync(api, reissued);

        response.StatusCode.Should().Be(expected);
        api.ServerCalls.Contains(Introspection).Should().Be(expected == HttpStatusCode.OK, "every other token is refused by the JWT checks");
    }

    [Fact]
    public async Task ATokenRevokedByTheWebAppIsRefusedThroughIntrospection()
    {
        await using var api = await StartAsync();
        var tokens = await OAuthFlow.SignInAsync(api.Server);
        (await GetOrdersAsync(api, tokens.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await RevokeAsync(api.Server.CreateClient(), tokens.AccessToken);
        var response = await GetOrdersAsync(api, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.ServerCalls.Count(path => path == Introspection).Should().Be(2);
    }

    [Fact]
    public async Task WhenIntrospectionFailsTheRequestFailsRatherThanPassUnchecked()
    {
        await using var api = await StartAsync();
        var tokens = await OAuthFlow.SignInAsync(api.Server);

        api.App.Configuration["MiniOAuth:ClientSecret"] = "not the secret";
        var response = await GetOrdersAsync(api, tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        api.ServerCalls.Should().Contain(Introspection);
    }

    private static Task<SnippetHost> StartAsync(TimeSpan serverClockOffset = default) =>
        SnippetHost.StartAsync(ApiSnippet.Build, ["--name", "My API", "--resource-server"], serverClockOffset: serverClockOffset);

    private static Task<HttpResponseMessage> GetOrdersAsync(SnippetHost api, string token) =>
        GetWithBearerAsync(api.App.GetTestClient(), "/orders", token);

    /// <summary>The genuine token's claims, signed again with the given header (and the server's key, or another one).</summary>
    private static async Task<string> ReissueAsync(SnippetHost api, string genuine, string type, string algorithm, bool serversKey)
    {
        var jwt = new JsonWebToken(genuine);
        var key = (await api.Server.Services.GetRequiredService<SigningKeys>().GetPublishedKeysAsync()).Single();
        var signingKey = serversKey ? key : new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = key.KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = jwt.Issuer,
            Audience = jwt.Audiences.Single(),
            IssuedAt = jwt.IssuedAt,
            Expires = jwt.ValidTo,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = jwt.Subject, ["client_id"] = jwt.GetPayloadValue<string>("client_id"),
                ["scope"] = jwt.GetPayloadValue<string>("scope"), ["jti"] = jwt.Id, ["gid"] = jwt.GetPayloadValue<string>("gid"),
            },
            SigningCredentials = new SigningCredentials(signingKey, algorithm),
        });
    }
}
