using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Token;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

public sealed class TokenDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new(new Dictionary<string, string?>
    {
        ["RateLimits:TokenRequestsPerClientPerSecond"] = "3",
    });

    public void Dispose() => _app.Dispose();

    private static Dictionary<string, string> ClientCredentials() => new() { ["grant_type"] = "client_credentials" };

    [Fact]
    public async Task TheTokenEndpointIsRateLimitedPerClient()
    {
        var client = _app.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await OAuthFlow.PostTokenAsync(client, ClientCredentials()));
        }

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.TooManyRequests);
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().NotBeEmpty();
        limited[0].Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task ARotatedSigningKeyStaysPublishedAndItsTokensStayValid()
    {
        var before = await OAuthFlow.SignInAsync(_app);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await SigningKeys.RotateAsync(scope.ServiceProvider.GetRequiredService<MiniOAuthDb>(), _app.Clock.GetUtcNow().UtcDateTime);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await OAuthFlow.SignInAsync(_app, "bob");
        var jwks = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/oauth/jwks/");
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();

        Kid(after.AccessToken).Should().NotBe(Kid(before.AccessToken));
        kids.Should().Contain([Kid(before.AccessToken), Kid(after.AccessToken)]);
        (await UserInfoStatusAsync(before.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARetiredKeyLeavesTheJwksOnceItsTokensHaveExpired()
    {
        var before = await OAuthFlow.SignInAsync(_app);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await SigningKeys.RotateAsync(scope.ServiceProvider.GetRequiredService<MiniOAuthDb>(), _app.Clock.GetUtcNow().UtcDateTime);
        }

        // Retired when the new key takes over (90 s), then published while an instance that had not yet
        // reloaded (1 min) may have signed with it, for the life of those tokens (15 min).
        _app.Clock.Advance(TimeSpan.FromMinutes(18));
        var jwks = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/oauth/jwks/");

        jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().NotContain(Kid(before.AccessToken));
    }

    [Fact]
    public async Task ANewSigningKeyIsPublishedAtOnceAndSignsOnlyAfterTheActivationDelay()
    {
        var before = await OAuthFlow.SignInAsync(_app);
        string kid;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (kid, _) = await SigningKeys.RotateAsync(scope.ServiceProvider.GetRequiredService<MiniOAuthDb>(), _app.Clock.GetUtcNow().UtcDateTime);
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var published = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/oauth/jwks/");
        var stillOld = await OAuthFlow.SignInAsync(_app, "bob");
        _app.Clock.Advance(SigningKeys.ActivationDelay);
        var renewed = await OAuthFlow.SignInAsync(_app, "bob");

        published.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Contain(kid);
        Kid(stillOld.AccessToken).Should().Be(Kid(before.AccessToken));
        Kid(renewed.AccessToken).Should().Be(kid);
    }

    private static string Kid(string token) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid;

    private async Task<HttpStatusCode> UserInfoStatusAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new("Bearer", token);
        return (await _app.CreateClient().SendAsync(request)).StatusCode;
    }
}
