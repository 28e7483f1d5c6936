extern alias ClientApp;

using System.Diagnostics;
using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

public sealed class ClientOptionsTests
{
    [Fact]
    public void TheDefaultsAreTheDemoClientAndAreValid()
    {
        var options = new ClientOptions();

        var result = new ClientOptionsValidator().Validate(null, options);

        result.Succeeded.Should().BeTrue();
        options.Should().BeEquivalentTo(new
        {
            Authority = "http://localhost:8000",
            ClientId = "23423423",
            RedirectUri = "http://localhost:5000/callback",
            Scopes = "profile email roles userdata",
        });
    }

    [Fact]
    public void ARelativeAuthorityAndAMissingSecretAreNamed()
    {
        var options = new ClientOptions { Authority = "localhost:8000", ClientSecret = " ", TokenEndpoint = "/token" };

        var result = new ClientOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(failure => failure.Contains("Client:Authority"))
            .And.Contain(failure => failure.Contains("Client:ClientSecret"))
            .And.Contain(failure => failure.Contains("Client:TokenEndpoint"));
    }

    [Theory]
    [InlineData("http://localhost:8000", "http://localhost:8000/.well-known/oauth-authorization-server")]
    [InlineData("http://localhost:8000/", "http://localhost:8000/.well-known/oauth-authorization-server")]
    [InlineData("https://as.example/tenant1", "https://as.example/.well-known/oauth-authorization-server/tenant1")]
    public void TheDiscoveryUrlFollowsRfc8414Section31(string authority, string expected) =>
        AuthorizationServer.DiscoveryUrl(authority).Should().Be(expected);

    [Fact]
    public void TheAppRefusesToStartWithAnInvalidConfiguration()
    {
        using var app = new ClientAppFactory(new Dictionary<string, string?> { ["Client:Authority"] = "not a url" });

        var start = () => app.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Client:Authority*");
    }
}

/// <summary>A provider section is checked at start; a mistake names its key, in one line, without a stack trace.</summary>
public sealed class ProviderOptionsTests
{
    [Theory]
    [InlineData("ClientId", null, "Client:Providers:hub:ClientId is required")]
    [InlineData("TokenEndpoint", null, "Client:Providers:hub:Authority is required, unless both")]
    [InlineData("TokenEndpoint", "/access_token", "Client:Providers:hub:TokenEndpoint must be an absolute http or https URL")]
    [InlineData("EndSessionEndpoint", "ftp://hub.test/logout", "Client:Providers:hub:EndSessionEndpoint must be an absolute http or https URL")]
    [InlineData("Authority", "hub.test", "Client:Providers:hub:Authority must be an absolute http or https URL")]
    public void AMalformedProviderSectionIsNamedByItsKey(string key, string? value, string failure)
    {
        var options = WithHub();
        typeof(ProviderOptions).GetProperty(key)!.SetValue(options.Providers["hub"], value);

        var result = new ClientOptionsValidator().Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().StartWith(failure);
    }

    [Fact]
    public void AProviderSectionInheritsNothingFromTheDefault()
    {
        var provider = WithHub().FindProvider("hub")!;

        provider.Settings.Should().BeEquivalentTo(new { ClientSecret = (string?)null, ApiKey = (string?)null, Scopes = (string?)null });
        provider.DisplayName.Should().Be("hub");
        provider.RedirectUri.Should().Be("http://localhost:5000/callback/hub");
        new ClientOptionsValidator().Validate(null, WithHub()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task TheClientStopsAtStartWithOneLineNamingTheKeyAndNoStackTrace()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { typeof(ClientApp::Program).Assembly.Location },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Client__Providers__hub__Authority"] = "https://hub.test", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        process.ExitCode.Should().NotBe(0);
        (await error).Trim().Should().Be("The Client cannot start: Client:Providers:hub:ClientId is required.");
        (await output).Should().BeEmpty();
    }

    private static ClientOptions WithHub()
    {
        var options = new ClientOptions();
        options.Providers["hub"] = new ProviderOptions
        {
            ClientId = "hub-client",
            AuthorizationEndpoint = "https://hub.test/login/oauth/authorize",
            TokenEndpoint = "https://hub.test/login/oauth/access_token",
        };
        return options;
    }
}
