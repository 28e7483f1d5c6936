using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Clients;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Tests.Rules;

public sealed class ValidatorTests
{
    private static AuthorizeRequest Authorize(string? state = "s", string? scope = null) =>
        new("code", "c", "https://app.example/cb", scope, state, null, null, null);

    [Fact]
    public void AnAuthorizeRequestWithinTheLimitsIsValid() =>
        new AuthorizeRequestValidator().Validate(Authorize()).IsValid.Should().BeTrue();

    [Fact]
    public void AStateOver1024CharactersIsRefused() =>
        new AuthorizeRequestValidator().Validate(Authorize(state: new string('s', 1025))).IsValid.Should().BeFalse();

    [Fact]
    public void AScopeWithAQuoteIsRefused() =>
        new AuthorizeRequestValidator().Validate(Authorize(scope: "profile \"x\"")).IsValid.Should().BeFalse();

    [Fact]
    public void ARepeatedParameterIsRefused() =>
        new AuthorizeRequestValidator().Validate(Authorize() with { Repeated = "state" }).IsValid.Should().BeFalse();

    [Fact]
    public void ATokenRequestNeedsAGrantType() =>
        new TokenRequestValidator().Validate(new TokenRequest(null, "c", null, null, null, null)).IsValid.Should().BeFalse();

    [Fact]
    public void ATokenRequestWithAnOverlongCodeIsRefused() =>
        new TokenRequestValidator().Validate(new TokenRequest("authorization_code", new string('c', 129), null, null, null, null))
            .IsValid.Should().BeFalse();

    [Theory]
    [InlineData("https://app.example/callback", true)]
    [InlineData("http://localhost:5000/callback", true)]
    [InlineData("http://127.0.0.1:5000/callback", true)]
    [InlineData("http://app.example/callback", false)]
    [InlineData("https://app.example/callback#fragment", false)]
    [InlineData("/relative/callback", false)]
    [InlineData("javascript:alert(1)", false)]
    public void RedirectUrisAreAbsoluteWithoutFragmentAndHttpsOutsideLocalhost(string uri, bool valid) =>
        new NewClientValidator().Validate(new NewClient("App", [uri], IsPublic: false)).IsValid.Should().Be(valid);

    [Fact]
    public void APublicClientCannotUseClientCredentials() =>
        new NewClientValidator().Validate(new NewClient("SPA", ["https://spa.example/cb"], IsPublic: true, Grants: ["client_credentials"]))
            .IsValid.Should().BeFalse();

    [Theory]
    [InlineData("alice_2", true)]
    [InlineData("al", false)]
    [InlineData("alice smith", false)]
    [InlineData("<script>", false)]
    public void UsernamesAreThreeTo64SafeCharacters(string username, bool valid) =>
        new NewUserValidator().Validate(new NewUser(username, "a long password", null, null, [])).IsValid.Should().Be(valid);
}
