using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

/// <summary>A client's credentials through the admin console: shown once, rotated, ended with the client.</summary>
public sealed class AdminClientCredentialTests : IDisposable
{
    private const string NewPage = "/oauth/admin/clients/new/";
    private const string DemoPage = "/oauth/admin/clients/23423423/";
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, params (string, string)[] extra) =>
        Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
        [
            ("name", "Shop"), ("type", "confidential"), ("redirect_uris", "https://shop.example/cb\r\nhttp://localhost:7000/cb\r\n"),
            ("grant", "authorization_code"), ("grant", "client_credentials"), ("scope", "profile"), ("require_pkce", "true"), .. extra,
        ]);

    private Task<ClientEntity> ClientAsync(string id) => _app.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task NewCredentialsNotViewedWithinFiveMinutesAreNeverShown()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var created = await CreateAsync(admin);

        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        var page = await admin.GetStringAsync(Pages.Location(created));

        page.Should().NotContain("id=\"client-secret\"").And.NotContain("id=\"api-key\"");
    }

    [Fact]
    public async Task RotatingTheSecretEndsTheOldOneAtOnce()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var rotated = await Pages.SubmitAsync(admin, DemoPage, DemoPage + "rotate-secret/");
        var secret = Pages.ElementText(await admin.GetStringAsync(Pages.Location(rotated)), "client-secret")!;

        rotated.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var old = await Pages.ClientCredentialsAsync(_app, Demo.ClientId, Demo.ClientSecret);
        old.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(old)).Should().Be("invalid_client");
        (await Pages.ClientCredentialsAsync(_app, Demo.ClientId, secret)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RotatingTheApiKeyReplacesItsHashAtOnce()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var rotated = await Pages.SubmitAsync(admin, DemoPage, DemoPage + "rotate-api-key/");
        var apiKey = Pages.ElementText(await admin.GetStringAsync(Pages.Location(rotated)), "api-key")!;

        var client = await ClientAsync(Demo.ClientId);
        client.ApiKeyHash.Should().Equal(Secrets.Sha256(apiKey));
        Secrets.Matches(Demo.ApiKey, client.ApiKeyHash).Should().BeFalse();
        Secrets.Matches(Demo.ClientSecret, client.SecretHash).Should().BeTrue();
    }

    [Fact]
    public async Task APublicClientHasNoSecretToRotate()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, "/oauth/admin/clients/spa-demo/", "/oauth/admin/clients/spa-demo/rotate-secret/");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ClientAsync(Demo.PublicClientId)).SecretHash.Should().BeNull();
    }

    [Fact]
    public async Task DeletingAClientEndsItsTokensAndDeletesWhatItHeld()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);
        var machine = await OAuthFlow.ReadTokensAsync(await Pages.ClientCredentialsAsync(_app, Demo.ClientId, Demo.ClientSecret));
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        await _app.WithDbAsync(db => { db.UserData.Add(new UserDataEntry { ClientId = Demo.ClientId, UserId = "someone", Json = "{}" }); return db.SaveChangesAsync(); });

        var response = await Pages.SubmitAsync(admin, DemoPage, DemoPage + "delete/");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be("/oauth/admin/clients/?notice=deleted");
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await Pages.UserInfoStatusAsync(_app, machine.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.WithDbAsync(db => db.Grants.AnyAsync(g => g.ClientId == Demo.ClientId && g.RevokedAt == null))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.RefreshTokens.AnyAsync(t => t.ClientId == Demo.ClientId))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.Consents.AnyAsync(c => c.ClientId == Demo.ClientId))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.UserData.AnyAsync(d => d.ClientId == Demo.ClientId))).Should().BeFalse();
        (await admin.GetAsync(DemoPage)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
