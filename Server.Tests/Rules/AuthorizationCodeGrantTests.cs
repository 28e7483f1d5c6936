using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Rules;

/// <summary>The code grant's rules, run against the server's services without HTTP.</summary>
public sealed class AuthorizationCodeGrantTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> IssueCodeAsync(string? challenge = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
        var client = await db.Clients.SingleAsync(c => c.Id == Demo.ClientId);
        var alice = await db.Users.SingleAsync(u => u.Username == "alice");
        return await scope.ServiceProvider.GetRequiredService<AuthorizationCodes>()
            .IssueAsync(client, alice, ["profile"], Demo.RedirectUri, challenge, CancellationToken.None);
    }

    private async Task<GrantResult> RedeemAsync(string code, string? verifier = null, string redirectUri = Demo.RedirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == Demo.ClientId);
        var request = new TokenRequest("authorization_code", code, redirectUri, verifier, null, null);
        return await scope.ServiceProvider.GetRequiredService<AuthorizationCodeGrant>().HandleAsync(request, client, CancellationToken.None);
    }

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

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var result = await RedeemAsync(code);

        result.Error!.Error.Should().Be("invalid_grant");
        result.Error.Description.Should().Contain("expired");
    }

    [Fact]
    public async Task ACodeIsStillGoodJustBeforeItExpires()
    {
        var code = await IssueCodeAsync();

        _app.Clock.Advance(TimeSpan.FromSeconds(59));

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

        var stored = await _app.WithDbAsync(db => db.AuthorizationCodes.Select(c => c.Hash).ToListAsync());

        stored.Should().ContainSingle().Which.Should().NotBe(code).And.Be(MiniOAuth.Server.Protocol.Secrets.HashForLookup(code));
    }
}
