using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Tests.Infrastructure;
using MiniOAuth.Tests.Lifecycle;

namespace MiniOAuth.Tests.Rules;

/// <summary>The code grant's rules: the grant made with <c>new</c> on an in-memory database, no web host.</summary>
public sealed class AuthorizationCodeGrantTests : IDisposable
{
    private readonly GrantRunner _grants = new();

    public void Dispose() => _grants.Dispose();

    private Task<string> IssueCodeAsync(string? challenge = null) => _grants.IssueCodeAsync("profile", challenge);

    private Task<GrantResult> RedeemAsync(string code, string? verifier = null, string redirectUri = Demo.RedirectUri) =>
        _grants.RedeemAsync(code, verifier, redirectUri);

    [Fact]
    public async Task ACodeBuysTokensOnce()
    {
        var code = await IssueCodeAsync();

        var first = await RedeemAsync(code);
        var second = await RedeemAsync(code);

        first.Tokens.Should().NotBeNull();
        first.Tokens!.RefreshToken.Should().NotBeNullOrEmpty();
        second.Error!.Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task ACodeExpiresAfterSixtySeconds()
    {
        var code = await IssueCodeAsync();

        _grants.Clock.Advance(TimeSpan.FromSeconds(61));
        var result = await RedeemAsync(code);

        result.Error!.Error.Should().Be("invalid_grant");
        result.Error.Description.Should().Contain("expired");
    }

    [Fact]
    public async Task ACodeIsStillGoodJustBeforeItExpires()
    {
        var code = await IssueCodeAsync();

        _grants.Clock.Advance(TimeSpan.FromSeconds(59));

        (await RedeemAsync(code)).Tokens.Should().NotBeNull();
    }

    [Fact]
    public async Task TheRedirectUriMustBeTheOneOfTheAuthorizationRequest()
    {
        var code = await IssueCodeAsync();

        var result = await RedeemAsync(code, redirectUri: "http://localhost:5000/other");

        result.Error!.Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task AVerifierWithoutAChallengeIsADowngradeAndRefused()
    {
        var code = await IssueCodeAsync(challenge: null);

        (await RedeemAsync(code, verifier: Demo.Verifier)).Error!.Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task AChallengeNeedsItsVerifier()
    {
        var code = await IssueCodeAsync(Demo.Challenge);

        (await RedeemAsync(code, verifier: null)).Error!.Error.Should().Be("invalid_grant");
        (await RedeemAsync(code, verifier: Demo.Verifier)).Tokens.Should().NotBeNull();
    }

    [Fact]
    public async Task TheCodeIsStoredOnlyAsItsHash()
    {
        var code = await IssueCodeAsync();

        var stored = await _grants.WithDbAsync(db => db.AuthorizationCodes.Select(c => c.Hash).ToListAsync());

        stored.Should().ContainSingle().Which.Should().NotBe(code).And.Be(MiniOAuth.Server.Protocol.Secrets.HashForLookup(code));
    }
}
