using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;
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

    private Task<ClientEntity> ClientAsync(string id) => _app.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == id));

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

    [Fact]
    public async Task TheResourceServerCheckboxRegistersAnApiWithoutRedirectUrisOrUserGrants()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var form = await admin.GetStringAsync(NewPage);

        var created = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
            ("name", "Orders API"), ("type", "confidential"), ("resource_server", "true"), ("redirect_uris", ""),
            ("grant", "authorization_code"), ("grant", "refresh_token"), ("grant", "client_credentials"), ("scope", "profile"));

        form.Should().Contain("type=\"checkbox\" name=\"resource_server\" value=\"true\"");
        created.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var client = await ClientAsync(Pages.Location(created).Split('/')[^2]);
        client.IsResourceServer.Should().BeTrue();
        client.RedirectUris.Should().BeEmpty();
        client.AllowedGrants.Should().Equal("client_credentials");
        (await admin.GetStringAsync(Pages.Location(created))).Should().Contain("resource server");
    }

    [Fact]
    public async Task SavingAResourceServersPageKeepsItAResourceServerWithoutUserGrants()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");
        var created = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
            ("name", "Orders API"), ("type", "confidential"), ("resource_server", "true"), ("grant", "client_credentials"));
        var page = Pages.Location(created).Split('?')[0];

        var saved = await Pages.SubmitAsync(admin, page, page,
            ("name", "Orders API v2"), ("grant", "authorization_code"), ("grant", "client_credentials"), ("scope", "profile"));

        saved.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var client = await ClientAsync(page.Split('/')[^2]);
        client.Name.Should().Be("Orders API v2");
        client.IsResourceServer.Should().BeTrue();
        client.AllowedGrants.Should().Equal("client_credentials");
    }

    [Theory]
    [InlineData("redirect_uris", "https://api.example/cb", "A resource server has no redirect URIs")]
    [InlineData("type", "public", "A resource server is a confidential client")]
    public async Task AResourceServerWithRedirectUrisOrWithoutSecretIsRefused(string field, string value, string message)
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var response = await Pages.SubmitAsync(admin, NewPage, "/oauth/admin/clients/",
            ("name", "Orders API"), ("resource_server", "true"), ("grant", "client_credentials"), ("require_pkce", "true"), (field, value));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await _app.WithDbAsync(db => db.Clients.CountAsync())).Should().Be(2);
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
    public async Task TheListShowsEveryClientAndNoSecret()
    {
        var admin = await Pages.SignedInBrowserAsync(_app, "admin");

        var html = await admin.GetStringAsync("/oauth/admin/clients/");

        html.Should().Contain("<code>23423423</code>").And.Contain("<code>spa-demo</code>");
        html.Should().NotContain(Demo.ClientSecret).And.NotContain(Demo.ApiKey);
    }
}
