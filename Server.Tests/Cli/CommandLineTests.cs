using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Cli;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(_app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task CreateClientPrintsTheSecretsOnceAndStoresOnlyTheirHashes()
    {
        var (exit, output, _) = await RunAsync("create-client", "--name", "Shop", "--redirect-uri", "https://shop.example/cb", "--json");

        exit.Should().Be(0);
        var printed = JsonDocument.Parse(output).RootElement;
        var id = printed.GetProperty("client_id").GetString()!;
        var secret = printed.GetProperty("client_secret").GetString()!;
        var client = await _app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == id));
        client.SecretHash.Should().Equal(Secrets.Sha256(secret));
        client.ApiKeyHash.Should().Equal(Secrets.Sha256(printed.GetProperty("api_key").GetString()!));
        client.RedirectUris.Should().Equal("https://shop.example/cb");
    }

    [Fact]
    public async Task CreateClientWithPublicMakesAClientWithoutSecretThatMustUsePkce()
    {
        var (exit, output, _) = await RunAsync("create-client", "--name", "SPA", "--redirect-uri", "http://localhost:4000/cb", "--public", "--json");

        exit.Should().Be(0);
        var printed = JsonDocument.Parse(output).RootElement;
        printed.GetProperty("client_secret").ValueKind.Should().Be(JsonValueKind.Null);
        var id = printed.GetProperty("client_id").GetString()!;
        var client = await _app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == id));
        client.IsConfidential.Should().BeFalse();
        client.RequirePkce.Should().BeTrue();
    }

    [Theory]
    [InlineData("create-client", "--redirect-uri", "https://a.example/cb")]
    [InlineData("create-client", "--name", "A", "--redirect-uri", "http://a.example/cb")]
    [InlineData("create-client", "--name")]
    [InlineData("create-client", "--name", "A", "--bogus", "x")]
    [InlineData("create-user", "--username", "x y", "--password", "secret")]
    [InlineData("create-user", "--username", "carol")]
    [InlineData("create-user", "--username", "carol", "--password", "too short")]
    [InlineData("create-user", "--username", "carolcarol", "--password", "CarolCarol")]
    public async Task BadArgumentsGiveAMessageAndExitCode2(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        exit.Should().Be(2);
        error.Should().StartWith("error: ");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateUserMakesAUserWhoCanLogIn()
    {
        var (exit, _, _) = await RunAsync("create-user", "--username", "carol", "--password", "carol's password", "--role", "admin");

        var login = await _app.CreateClient().PostAsync("/oauth/login/",
            new StringContent("{\"username\":\"Carol\",\"password\":\"carol's password\"}", null, "application/json"));

        exit.Should().Be(0);
        login.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var roles = await _app.WithDbAsync(db => db.Users.Where(u => u.Username == "carol").Select(u => u.Roles).SingleAsync());
        roles.Should().Equal("admin");
    }

    [Fact]
    public async Task CreateUserReadsThePasswordFromStandardInputForADash()
    {
        var (exit, _, error) = await Cli.RunWithInputAsync(_app, "dave's password\nnot read\n",
            "create-user", "--username", "dave", "--password", "-");

        var login = await _app.CreateClient().PostAsync("/oauth/login/",
            new StringContent("{\"username\":\"dave\",\"password\":\"dave's password\"}", null, "application/json"));

        exit.Should().Be(0, error);
        login.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateUserWithADashAndNothingOnStandardInputIsRefused()
    {
        var (exit, _, error) = await Cli.RunWithInputAsync(_app, "", "create-user", "--username", "dave", "--password", "-");

        exit.Should().Be(2);
        error.Should().Contain("Choose a password.");
        (await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == "dave"))).Should().BeFalse();
    }

    [Fact]
    public async Task CreateUserRefusesADuplicateUsername()
    {
        var (exit, _, error) = await RunAsync("create-user", "--username", "ALICE", "--password", "whatever12");

        exit.Should().Be(1);
        error.Should().Contain("already exists");
    }

    [Fact]
    public async Task SeedDemoIsSafeToRunTwice()
    {
        var (first, output, _) = await RunAsync("seed-demo", "--json");
        var users = await _app.WithDbAsync(db => db.Users.CountAsync());

        first.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("added").GetInt32().Should().Be(0);
        users.Should().Be(3);
    }

    [Fact]
    public async Task AnUnknownCommandIsAnErrorWithTheUsageAndExitCode2()
    {
        var (exit, output, error) = await RunAsync("create-clinet", "--name", "x");

        exit.Should().Be(2);
        error.Should().StartWith("error: unknown command 'create-clinet'").And.Contain("usage:").And.Contain("create-client");
        output.Should().BeEmpty();
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:8123")]
    [InlineData("--urls=http://localhost:8123")]
    [InlineData("--environment", "Production")]
    [InlineData("--contentRoot", "/srv/minioauth")]
    [InlineData("--OAuth:Issuer", "https://id.example")]
    [InlineData("--OAuth:Issuer=https://id.example")]
    [InlineData("OAuth:AccessTokenLifetime=00:05:00")]
    [InlineData("/urls", "http://localhost:8123")]
    [InlineData("--Security=", "--Security:BcryptWorkFactor=4")]
    [InlineData("--Kestrel:Endpoints:Http:Url", "http://localhost:8123")]
    public void NoArgumentsOrAHostSettingStartTheServer(params string[] args) =>
        CommandLine.StartsTheServer(args).Should().BeTrue();

    [Theory]
    [InlineData("create-clinet", "--name", "x")]
    [InlineData("--name", "x")]
    [InlineData("--json")]
    [InlineData("list-clients")]
    [InlineData("name=x")]
    [InlineData("--name:first", "x")]
    public void ACommandOrAnythingElseDoesNotStartTheServer(params string[] args) =>
        CommandLine.StartsTheServer(args).Should().BeFalse();

    [Fact]
    public async Task TextOutputWritesBooleansAsJsonDoes()
    {
        var (_, created, _) = await RunAsync("create-client", "--name", "Shop", "--redirect-uri", "https://shop.example/cb");
        var (_, deleted, _) = await RunAsync("delete-client", "--client-id", Demo.ClientId);

        created.Should().Contain("require_pkce: true").And.Contain("resource_server: false").And.NotContain("True").And.NotContain("False");
        deleted.Should().Contain("deleted: true");
    }

    [Fact]
    public async Task APasswordOnTheCommandLineGetsAWarningThatStandardInputIsSafer()
    {
        var (exit, _, error) = await RunAsync("create-user", "--username", "carol", "--password", "carol's password");
        var (_, _, fromStdin) = await Cli.RunWithInputAsync(_app, "dave's password\n", "create-user", "--username", "dave", "--password", "-");

        exit.Should().Be(0);
        error.Should().StartWith("warning: ").And.Contain("--password -");
        fromStdin.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryCommandHasHelp()
    {
        foreach (var command in AdminCommands.All.Select(c => c.Name))
        {
            var (exit, output, _) = await RunAsync(command, "--help");

            exit.Should().Be(0);
            output.Should().Contain("usage: " + command);
        }
    }
}
