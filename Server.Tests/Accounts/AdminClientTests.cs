using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Accounts;

public sealed class AdminClientTests : IDisposable
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

    private Task<Client> ClientAsync(string id) => _app.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task ANewClientsSecretIsShownOnceAndWorksAtTheTokenEndpoint()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var created = await CreateAsync(admin);
        var page = await admin.GetStringAsync(Pages.Location(created));
        var reload = await admin.GetStringAsync(Pages.Location(created));

        created.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var id = Pages.Location(created).Split('/')[^2];
        var secret = Pages.ElementText(page, "client-secret")!;
        Pages.ElementText(page, "api-key").Should().NotBeNullOrEmpty();
        reload.Should().NotContain(secret).And.NotContain("id=\"client-secret\"");
        (await Pages.ClientCredentialsAsync(_app, id, secret)).StatusCode.Should().Be(HttpStatusCode.OK);
        var client = await ClientAsync(id);
        client.RedirectUris.Should().Equal("https://shop.example/cb", "http://localhost:7000/cb");
        client.AllowedGrants.Should().Equal("authorization_code", "client_credentials");
        client.AllowedScopes.Should().Equal("profile");
        client.SecretHash.Should().Equal(Secrets.Sha256(secret));
    }

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
    public async Task APublicClientIsCreatedWithoutSecretAndMustRequirePkce()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var refused = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
            ("name", "SPA"), ("type", "public"), ("redirect_uris", "http://localhost:4000/cb"), ("grant", "authorization_code"));
        var created = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
            ("name", "SPA"), ("type", "public"), ("redirect_uris", "http://localhost:4000/cb"), ("grant", "authorization_code"), ("require_pkce", "true"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("A public client must use PKCE");
        var page = await admin.GetStringAsync(Pages.Location(created));
        Pages.ElementText(page, "client-secret").Should().BeNull();
        var client = await ClientAsync(Pages.Location(created).Split('/')[^2]);
        client.IsConfidential.Should().BeFalse();
        client.SecretHash.Should().BeNull();
    }

    [Theory]
    [InlineData("name", "", "Give the client a name.")]
    [InlineData("redirect_uris", "http://shop.example/cb", "is not an acceptable redirect URI")]
    [InlineData("redirect_uris", "https://shop.example/cb#x", "is not an acceptable redirect URI")]
    [InlineData("redirect_uris", "", "At least one redirect URI is required.")]
    [InlineData("grant", "password", "Unknown grant")]
    [InlineData("scope", "openid", "Unknown scope")]
    public async Task AnInvalidClientFormSaysWhyAndRegistersNothing(string field, string value, string message)
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var fields = new List<(string, string)> { ("name", "Shop"), ("redirect_uris", "https://shop.example/cb"), ("grant", "authorization_code") };
        fields.RemoveAll(f => f.Item1 == field && field != "grant");
        fields.Add((field, value));

        var response = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/", [.. fields]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await _app.WithDbAsync(db => db.Clients.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task EditingAClientChangesItsSettingsButNotItsType()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, DemoPage, DemoPage,
            ("name", "Renamed"), ("type", "public"), ("redirect_uris", "https://new.example/cb"), ("grant", "authorization_code"),
            ("scope", "profile"), ("scope", "email"), ("scope", "roles"), ("scope", "userdata"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        Pages.Location(response).Should().Be(DemoPage + "?notice=saved");
        var client = await ClientAsync(Demo.ClientId);
        client.Name.Should().Be("Renamed");
        client.IsConfidential.Should().BeTrue();
        client.RedirectUris.Should().Equal("https://new.example/cb");
        client.AllowedGrants.Should().Equal("authorization_code");
        client.RequirePkce.Should().BeFalse();
    }

    [Fact]
    public async Task TakingAScopeAwayFromAClientEndsTheGrantsThatHoldIt()
    {
        var withEmail = await OAuthFlow.SignInAsync(_app, "alice", "profile email");
        var profileOnly = await OAuthFlow.SignInAsync(_app, "bob", "profile");
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        await Pages.SubmitAsync(admin, DemoPage, DemoPage, ("name", "Demo"), ("redirect_uris", Demo.RedirectUri),
            ("grant", "authorization_code"), ("grant", "refresh_token"), ("scope", "profile"));

        (await Pages.UserInfoStatusAsync(_app, withEmail.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await Pages.UserInfoStatusAsync(_app, profileOnly.AccessToken)).Should().Be(HttpStatusCode.OK);
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

    [Fact]
    public async Task TheListShowsEveryClientAndNoSecret()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var html = await admin.GetStringAsync("/oauth/admin/clients/");

        html.Should().Contain("<code>23423423</code>").And.Contain("<code>spa-demo</code>");
        html.Should().NotContain(Demo.ClientSecret).And.NotContain(Demo.ApiKey);
    }
}
