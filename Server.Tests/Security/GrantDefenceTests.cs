using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// Grants that do not exist (RFC 9700 §2.1.2, §2.4), client authentication (§2.5, RFC 6749 §2.3.1),
/// and a client-credentials token that must never pass for a user (RFC 9700 §4.15).
/// </summary>
public sealed class GrantDefenceTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ThePasswordAndImplicitGrantsDoNotExist()
    {
        var password = await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "alice", ["password"] = "alicepass",
        });
        var metadata = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");

        password.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OAuthFlow.ErrorOf(password)).Should().Be("unsupported_grant_type");
        metadata.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString())
            .Should().BeEquivalentTo("authorization_code", "refresh_token", "client_credentials");
        metadata.GetProperty("response_types_supported").EnumerateArray().Select(g => g.GetString()).Should().Equal("code");
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("refresh_token")]
    [InlineData("authorization_code")]
    public async Task AConfidentialClientThatSendsOnlyItsIdIsInvalidClient(string grantType)
    {
        var browser = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(browser);
        var code = await OAuthFlow.AuthorizeAsync(browser);
        var tokens = await OAuthFlow.SignInAsync(_app, "bob");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = grantType, ["client_id"] = Demo.ClientId, ["code"] = code, ["redirect_uri"] = Demo.RedirectUri,
            ["refresh_token"] = tokens.RefreshToken!,
        };

        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), form, secret: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }

    [Fact]
    public async Task APublicClientThatSendsASecretIsInvalidClient()
    {
        var response = await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = Demo.PublicClientId, ["client_secret"] = "guess",
        }, secret: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(response)).Should().Be("invalid_client");
    }

    [Fact]
    public async Task AClientCredentialsTokenNeverPassesForTheUserWithTheSameId()
    {
        // A user whose id is the demo client's id: the token's sub is the same string, but it names a client.
        await _app.WithDbAsync(db =>
        {
            db.Users.Add(new User
            {
                Id = Demo.ClientId, Username = "mallory", NormalizedUsername = "mallory", Name = "Mallory",
                Email = "mallory@example.com", PasswordHash = "-",
            });
            return db.SaveChangesAsync();
        });
        var token = (await OAuthFlow.ReadTokensAsync(await OAuthFlow.PostTokenAsync(_app.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = "profile email roles userdata",
        }))).AccessToken;

        var userinfo = await GetAsync("/oauth/userinfo/", token);
        var userdata = await GetAsync($"/oauth/userdata/{Demo.ClientId}/", token);

        userinfo.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        userdata.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await userinfo.Content.ReadAsStringAsync()).Should().NotContain("mallory");
    }

    private Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return _app.CreateClient().SendAsync(request);
    }
}
