using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Tests.Infrastructure;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>
/// Runs the grants as the token endpoint would, without HTTP: the plain rule classes with the test
/// host's database and fake clock, one service scope per call, like one request each.
/// </summary>
internal sealed class GrantRunner(MiniOAuthApplication app)
{
    /// <summary>A code for alice and the demo client, redeemed: the start of a refresh-token family.</summary>
    public async Task<TokenResponse> SignInAsync(string scope = "profile email")
    {
        var code = await IssueCodeAsync(scope);
        var result = await RedeemAsync(code);
        return result.Tokens ?? throw new InvalidOperationException(result.Error!.Description);
    }

    public Task<string> IssueCodeAsync(string scope = "profile email") => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MiniOAuthDb>();
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == Demo.ClientId);
        var alice = await db.Users.AsNoTracking().FirstAsync(u => u.Username == "alice");
        return await services.GetRequiredService<AuthorizationCodes>()
            .IssueAsync(client, alice, scope.Split(' '), Demo.RedirectUri, codeChallenge: null, CancellationToken.None);
    });

    public Task<GrantResult> RedeemAsync(string code) => InScopeAsync(async services =>
        await services.GetRequiredService<AuthorizationCodeGrant>().HandleAsync(
            new TokenRequest("authorization_code", code, Demo.RedirectUri, null, null, null),
            await ClientAsync(services, Demo.ClientId), CancellationToken.None));

    public Task<GrantResult> RefreshAsync(string refreshToken, string? scope = null, string clientId = Demo.ClientId) =>
        InScopeAsync(async services =>
            await services.GetRequiredService<RefreshTokenGrant>().HandleAsync(
                new TokenRequest("refresh_token", null, null, null, refreshToken, scope),
                await ClientAsync(services, clientId), CancellationToken.None));

    /// <summary>Whether an access token would still be accepted by a Bearer endpoint.</summary>
    public Task<bool> IsLiveAsync(string accessToken) => InScopeAsync(async services =>
    {
        var claims = await services.GetRequiredService<AccessTokens>().ValidateAsync(accessToken);
        return claims is not null && await services.GetRequiredService<Revocations>().FindLiveUserAsync(claims) is not null;
    });

    public Task<Grant> GrantOfAsync(string refreshToken) => app.WithDbAsync(db =>
    {
        var hash = MiniOAuth.Server.Protocol.Secrets.HashForLookup(refreshToken);
        return db.RefreshTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Join(db.Grants, t => t.GrantId, g => g.Id, (t, g) => g).FirstAsync();
    });

    public Task<RefreshToken> RowOfAsync(string refreshToken) => app.WithDbAsync(db =>
    {
        var hash = MiniOAuth.Server.Protocol.Secrets.HashForLookup(refreshToken);
        return db.RefreshTokens.AsNoTracking().FirstAsync(t => t.Hash == hash);
    });

    private static Task<ClientEntity> ClientAsync(IServiceProvider services, string clientId) =>
        services.GetRequiredService<MiniOAuthDb>().Clients.AsNoTracking().FirstAsync(c => c.Id == clientId);

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
