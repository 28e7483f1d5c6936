using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Accounts;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Cli;

public sealed class ClientCommandsTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CreateClientTakesGrantsScopesAndOptionalPkce()
    {
        var printed = await Cli.JsonAsync(_app, "create-client", "--name", "Batch", "--redirect-uri", "https://b.example/cb",
            "--grant", "client_credentials", "--scope", "profile", "--scope", "roles", "--pkce-optional");

        var id = printed.GetProperty("client_id").GetString()!;
        var client = await _app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == id));
        client.AllowedGrants.Should().Equal("client_credentials");
        client.AllowedScopes.Should().Equal("profile", "roles");
        client.RequirePkce.Should().BeFalse();
        printed.GetProperty("require_pkce").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task CreateClientWithResourceServerRegistersAConfidentialClientWithoutRedirectUris()
    {
        var printed = await Cli.JsonAsync(_app, "create-client", "--name", "Orders API", "--resource-server");

        var id = printed.GetProperty("client_id").GetString()!;
        printed.GetProperty("resource_server").GetBoolean().Should().BeTrue();
        printed.GetProperty("type").GetString().Should().Be("confidential");
        printed.GetProperty("client_secret").GetString().Should().NotBeNullOrEmpty();
        var client = await _app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == id));
        client.IsResourceServer.Should().BeTrue();
        client.IsConfidential.Should().BeTrue();
        client.RedirectUris.Should().BeEmpty();
        client.AllowedGrants.Should().Equal("client_credentials");
    }

    [Fact]
    public async Task ListClientsShowsWhichClientsAreResourceServers()
    {
        var id = (await Cli.JsonAsync(_app, "create-client", "--name", "Orders API", "--resource-server")).GetProperty("client_id").GetString();

        var json = JsonDocument.Parse((await Cli.RunAsync(_app, "list-clients", "--json")).Out).RootElement.EnumerateArray().ToList();
        var text = (await Cli.RunAsync(_app, "list-clients")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        json.Single(c => c.GetProperty("client_id").GetString() == id).GetProperty("resource_server").GetBoolean().Should().BeTrue();
        json.Single(c => c.GetProperty("client_id").GetString() == Demo.ClientId).GetProperty("resource_server").GetBoolean().Should().BeFalse();
        text.Should().ContainSingle(l => l.StartsWith(id + "\t") && l.Contains("resource server"));
        text.Where(l => l.Contains("resource server")).Should().HaveCount(1);
    }

    [Fact]
    public async Task ListClientsPrintsAJsonArrayWithoutSecrets()
    {
        var (exit, output, _) = await Cli.RunAsync(_app, "list-clients", "--json");

        exit.Should().Be(0);
        var clients = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        clients.Select(c => c.GetProperty("client_id").GetString()).Should().BeEquivalentTo([Demo.ClientId, Demo.PublicClientId]);
        clients.Single(c => c.GetProperty("client_id").GetString() == Demo.PublicClientId).GetProperty("type").GetString().Should().Be("public");
        output.Should().NotContain(Demo.ClientSecret).And.NotContain("secret");
    }

    [Fact]
    public async Task ListClientsWithoutJsonPrintsOneLinePerClient()
    {
        var (exit, output, _) = await Cli.RunAsync(_app, "list-clients");

        exit.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2).And.Contain(l => l.StartsWith("spa-demo\tpublic"));
    }

    [Fact]
    public async Task RotateClientSecretEndsTheOldSecretAtOnce()
    {
        var printed = await Cli.JsonAsync(_app, "rotate-client-secret", "--client-id", Demo.ClientId);

        var secret = printed.GetProperty("client_secret").GetString()!;
        var old = await Pages.ClientCredentialsAsync(_app, Demo.ClientId, Demo.ClientSecret);
        old.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await OAuthFlow.ErrorOf(old)).Should().Be("invalid_client");
        (await Pages.ClientCredentialsAsync(_app, Demo.ClientId, secret)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RotateApiKeyStoresOnlyTheNewKeysHash()
    {
        var printed = await Cli.JsonAsync(_app, "rotate-api-key", "--client-id", Demo.ClientId);

        var hash = await _app.WithDbAsync(db => db.Clients.Where(c => c.Id == Demo.ClientId).Select(c => c.ApiKeyHash).SingleAsync());
        hash.Should().Equal(Secrets.Sha256(printed.GetProperty("api_key").GetString()!));
        Secrets.Matches(Demo.ApiKey, hash).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteClientEndsItsTokensAndRemovesIt()
    {
        var tokens = await OAuthFlow.SignInAsync(_app);

        var printed = await Cli.JsonAsync(_app, "delete-client", "--client-id", Demo.ClientId);

        printed.GetProperty("deleted").GetBoolean().Should().BeTrue();
        (await Pages.UserInfoStatusAsync(_app, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Id == Demo.ClientId))).Should().BeFalse();
        (await _app.WithDbAsync(db => db.Consents.AnyAsync(c => c.ClientId == Demo.ClientId))).Should().BeFalse();
    }

    [Theory]
    [InlineData("rotate-client-secret")]
    [InlineData("rotate-api-key")]
    [InlineData("delete-client")]
    public async Task AnUnknownClientIdFailsWithExitCode1(string command)
    {
        var (exit, output, error) = await Cli.RunAsync(_app, command, "--client-id", "nope");

        exit.Should().Be(1);
        error.Should().Be("error: No client has the id 'nope'." + Environment.NewLine);
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task APublicClientHasNoSecretToRotate()
    {
        var (exit, _, error) = await Cli.RunAsync(_app, "rotate-client-secret", "--client-id", Demo.PublicClientId);

        exit.Should().Be(1);
        error.Should().Contain("public client has no secret");
    }

    [Theory]
    [InlineData("rotate-client-secret")]
    [InlineData("rotate-api-key")]
    [InlineData("delete-client")]
    [InlineData("list-clients", "--client-id", "x")]
    [InlineData("create-client", "--name", "A", "--redirect-uri", "https://a.example/cb", "--grant", "password")]
    [InlineData("create-client", "--name", "A", "--redirect-uri", "https://a.example/cb", "--scope", "openid")]
    [InlineData("create-client", "--name", "A", "--redirect-uri", "http://localhost/cb", "--public", "--pkce-optional")]
    [InlineData("create-client", "--name", "A", "--resource-server", "--redirect-uri", "https://a.example/cb")]
    [InlineData("create-client", "--name", "A", "--resource-server", "--public")]
    [InlineData("create-client", "--name", "A", "--resource-server", "--grant", "authorization_code")]
    [InlineData("create-client", "--name", "A", "--resource-server", "--grant", "refresh_token")]
    public async Task BadArgumentsGiveAMessageAndExitCode2(params string[] args)
    {
        var before = await _app.WithDbAsync(db => db.Clients.CountAsync());

        var (exit, output, error) = await Cli.RunAsync(_app, args);

        exit.Should().Be(2);
        error.Should().StartWith("error: ");
        output.Should().BeEmpty();
        (await _app.WithDbAsync(db => db.Clients.CountAsync())).Should().Be(before);
    }
}
