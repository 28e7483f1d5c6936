extern alias ClientApp;

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
