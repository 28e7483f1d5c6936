using MiniOAuth.Server.Authorize;
using MiniOAuth.Tests.Infrastructure;
using MiniOAuth.Tests.Lifecycle;

namespace MiniOAuth.Tests.Rules;

/// <summary>The authorization request's checks (AuthorizeRules), without the web host: on the demo data in memory.</summary>
public sealed class AuthorizeRulesTests : IDisposable
{
    private readonly GrantRunner _run = new();

    public void Dispose() => _run.Dispose();

    private Task<AuthorizeCheck> CheckAsync(AuthorizeRequest request) =>
        _run.WithDbAsync(db => new AuthorizeRules(db, new AuthorizeRequestValidator()).CheckAsync(request, CancellationToken.None));

    private static AuthorizeRequest Request(
        string? clientId = Demo.ClientId, string? redirectUri = Demo.RedirectUri, string? scope = null,
        string? challenge = null, string? method = null, string? responseType = "code") =>
        new(responseType, clientId, redirectUri, scope, "s", challenge, method, null);

    [Fact]
    public async Task AnUnknownClientIsFatalAndNeverRedirected() =>
        (await CheckAsync(Request(clientId: "nobody"))).Should().BeOfType<AuthorizeCheck.Fatal>();

    [Fact]
    public async Task ARedirectUriIsComparedByExactString() =>
        (await CheckAsync(Request(redirectUri: Demo.RedirectUri + "/"))).Should().BeOfType<AuthorizeCheck.Fatal>();

    [Fact]
    public async Task NoScopeMeansProfile() =>
        (await CheckAsync(Request())).Should().BeOfType<AuthorizeCheck.Valid>()
            .Which.Scopes.Should().Equal("profile");

    [Theory]
    [InlineData("openid")]
    [InlineData("profile admin")]
    public async Task AnUnknownScopeIsInvalidScope(string scope) =>
        (await CheckAsync(Request(scope: scope))).Should().BeOfType<AuthorizeCheck.Redirect>()
            .Which.Error.Should().Be("invalid_scope");

    [Theory]
    [InlineData(Demo.Challenge, "plain")]
    [InlineData(Demo.Challenge, null)]
    [InlineData(null, "S256")]
    [InlineData("short", "S256")]
    public async Task AnythingButAWellFormedS256ChallengeIsInvalidRequest(string? challenge, string? method) =>
        (await CheckAsync(Request(challenge: challenge, method: method))).Should().BeOfType<AuthorizeCheck.Redirect>()
            .Which.Error.Should().Be("invalid_request");

    [Fact]
    public async Task APublicClientWithoutChallengeIsInvalidRequest() =>
        (await CheckAsync(Request(Demo.PublicClientId, Demo.PublicRedirectUri))).Should().BeOfType<AuthorizeCheck.Redirect>()
            .Which.Error.Should().Be("invalid_request");

    [Fact]
    public async Task AResponseTypeOtherThanCodeIsUnsupported() =>
        (await CheckAsync(Request(responseType: "token"))).Should().BeOfType<AuthorizeCheck.Redirect>()
            .Which.Error.Should().Be("unsupported_response_type");
}
