using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using MiniOAuth.Server.Clients;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Security;

/// <summary>
/// What a copy of the database gives away: no code, refresh token, session cookie, client secret or
/// API key as issued (each is stored as its SHA-256, RFC 6749 §10.3–10.5), and no password but its
/// BCrypt hash. Signing keys are rotated with the admin command.
/// </summary>
public sealed class SecretStorageTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task NoIssuedSecretIsStoredAsIssued()
    {
        var browser = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var login = await browser.PostAsJsonAsync("/oauth/login/", new { username = "alice", password = "alicepass" });
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minioauth_server_session=")).Split(';')[0].Split('=', 2)[1];
        var signedIn = _app.CreateBrowser();
        await OAuthFlow.LoginAsync(signedIn);
        var unredeemed = await OAuthFlow.AuthorizeAsync(signedIn);
        var tokens = await OAuthFlow.SignInAsync(_app, "bob");
        var client = await RegisterClientAsync();

        var stored = await _app.WithDbAsync(DumpAsync);

        stored.Should().Contain(Demo.ClientId, "the dump must hold the tables it searches");
        foreach (var secret in new[] { session, unredeemed, tokens.RefreshToken!, tokens.AccessToken, client.Secret!, client.ApiKey!, "alicepass" })
        {
            stored.Should().NotContain(secret);
        }
    }

    [Fact]
    public void EveryServerMadeSecretCarries256RandomBits()
    {
        // RFC 6749 §10.10: a guess must succeed with a probability of at most 2^-128.
        var secrets = Enumerable.Range(0, 1000).Select(_ => Secrets.New()).ToList();

        secrets.Should().OnlyHaveUniqueItems();
        secrets.Should().OnlyContain(s => Base64Url.DecodeFromChars(s).Length == 32);
    }

    [Fact]
    public async Task TheRotateSigningKeyCommandSignsNewTokensWithANewKeyAndOldTokensStayValid()
    {
        var before = await OAuthFlow.SignInAsync(_app);

        var (exit, output, _) = await Cli.Cli.RunAsync(_app, "rotate-signing-key", "--json");
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await OAuthFlow.SignInAsync(_app, "bob");

        exit.Should().Be(0);
        var kid = JsonDocument.Parse(output).RootElement.GetProperty("kid").GetString();
        new JsonWebToken(after.AccessToken).Kid.Should().Be(kid).And.NotBe(new JsonWebToken(before.AccessToken).Kid);
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo/");
        request.Headers.Authorization = new("Bearer", before.AccessToken);
        (await _app.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<string> DumpAsync(MiniOAuthDb db) => string.Join('\n',
        JsonSerializer.Serialize(await db.Clients.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.Users.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.AuthorizationCodes.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.Grants.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.RefreshTokens.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.LoginSessions.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.Consents.AsNoTracking().ToListAsync()),
        JsonSerializer.Serialize(await db.RevokedAccessTokens.AsNoTracking().ToListAsync()));

    private async Task<RegisteredClient> RegisterClientAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientRegistration>()
            .CreateAsync(new NewClient("Shop", ["https://shop.example/cb"], IsPublic: false));
    }
}
