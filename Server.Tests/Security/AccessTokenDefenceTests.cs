using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Token;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// An access token is accepted only as the server issued it: for this audience and issuer, typed as
/// an RFC 9068 access token (RFC 9700 §2.3, §4.10.2), and only from the Authorization header (§4.3.2).
/// Each forged token below is signed with the server's own key and differs from a genuine one in one claim.
/// </summary>
public sealed class AccessTokenDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("nothing", HttpStatusCode.OK)]
    [InlineData("aud", HttpStatusCode.Unauthorized)]
    [InlineData("iss", HttpStatusCode.Unauthorized)]
    [InlineData("typ", HttpStatusCode.Unauthorized)]
    [InlineData("exp", HttpStatusCode.Unauthorized)]
    public async Task ATokenSignedWithTheServersKeyIsRefusedWhenOneClaimIsNotTheServers(string changed, HttpStatusCode expected)
    {
        var genuine = await OAuthFlow.SignInAsync(_app);

        var forged = await ReissueAsync(genuine.AccessToken, changed);
        var response = await UserInfoAsync(forged);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task ATokenNamingAnotherUsersGrantIsRefused()
    {
        var alices = await OAuthFlow.SignInAsync(_app);
        var claims = await _app.Services.GetRequiredService<AccessTokens>().ValidateAsync(alices.AccessToken);
        var bob = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Username == "bob").Id));

        // Signed with the server's own key: only the grant's owner in the database tells it apart.
        var (forged, _) = await _app.Services.GetRequiredService<AccessTokens>()
            .IssueAsync(bob, claims!.ClientId, claims.Scope, claims.GrantId);

        (await UserInfoAsync(forged)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenNamingTheGrantWithAnotherClientIsRefused()
    {
        var alices = await OAuthFlow.SignInAsync(_app);
        var claims = await _app.Services.GetRequiredService<AccessTokens>().ValidateAsync(alices.AccessToken);

        var (forged, _) = await _app.Services.GetRequiredService<AccessTokens>()
            .IssueAsync(claims!.Subject, Demo.PublicClientId, claims.Scope, claims.GrantId);

        (await UserInfoAsync(forged)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAccessTokenDiesWithItsGrantsFamilyEvenBeforeItsOwnExpiry()
    {
        using var app = new MiniOAuthApplication(new Dictionary<string, string?>
        {
            ["OAuth:RefreshTokenFamilyLifetime"] = "00:10:00", ["OAuth:AccessTokenLifetime"] = "00:15:00",
        });
        var tokens = await OAuthFlow.SignInAsync(app);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        (await app.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenInTheQueryStringOrTheFormBodyIsIgnored()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var inBody = new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = tokens.AccessToken });

        var fromQuery = await _app.CreateClient().GetAsync("/oauth/userinfo/?access_token=" + tokens.AccessToken);
        var fromBody = await _app.CreateClient().PostAsync("/oauth/userinfo/", inBody);

        fromQuery.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        fromBody.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        fromBody.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"MiniOAuth\"");
    }

    private async Task<string> ReissueAsync(string genuine, string changed)
    {
        var jwt = new JsonWebToken(genuine);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = jwt.Subject, ["client_id"] = jwt.GetPayloadValue<string>("client_id"),
            ["scope"] = jwt.GetPayloadValue<string>("scope"), ["jti"] = jwt.Id, ["gid"] = jwt.GetPayloadValue<string>("gid"),
        };
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var key = (await _app.Services.GetRequiredService<SigningKeys>().GetPublishedKeysAsync()).Single();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = changed == "typ" ? "JWT" : AccessTokens.TokenType,
            Issuer = changed == "iss" ? "http://evil.example" : MiniOAuthApplication.Issuer,
            Audience = changed == "aud" ? "http://resource.example" : MiniOAuthApplication.Issuer,
            IssuedAt = now.AddMinutes(-20),
            Expires = changed == "exp" ? now.AddSeconds(-1) : now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SigningKeys.Algorithm),
        });
    }

    private Task<HttpResponseMessage> UserInfoAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new("Bearer", token);
        return _app.CreateClient().SendAsync(request);
    }
}
