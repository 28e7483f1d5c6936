using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Authorize;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Tests.Infrastructure;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;
using static Microsoft.Extensions.Options.Options;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>
/// The grants without the web host: each made with <c>new</c>, as the token endpoint would have them,
/// on an in-memory SQLite database with the demo data, a fake clock and the default options. One
/// database context per call, like one request each. A rule test reads beside its grant and runs in
/// well under a second.
/// </summary>
internal sealed class GrantRunner : IDisposable
{
    private readonly SqliteConnection _keepAlive;
    private readonly DbContextOptions<MiniOAuthDb> _dbOptions;
    private readonly ServiceProvider _keyStore;
    private readonly HotQueries _queries = new(sqlite: null);

    public GrantRunner(string refreshTokenReuseGrace = "00:00:00")
    {
        // A named in-memory database lives while one connection to it is open.
        var connectionString = $"Data Source=file:grants-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();
        _dbOptions = new DbContextOptionsBuilder<MiniOAuthDb>().UseSqlite(connectionString).Options;
        Options = new OAuthOptions { Issuer = MiniOAuthApplication.Issuer, RefreshTokenReuseGrace = TimeSpan.Parse(refreshTokenReuseGrace) };
        Security = new SecurityOptions { BcryptWorkFactor = 4 };

        using (var db = NewDb())
        {
            db.Database.EnsureCreated();
            DemoData.SeedAsync(db, new Passwords(Create(Security)), Clock.GetUtcNow().UtcDateTime).GetAwaiter().GetResult();
        }

        // The signing keys load themselves through a database scope of their own.
        _keyStore = new ServiceCollection().AddDbContext<MiniOAuthDb>(o => o.UseSqlite(connectionString)).BuildServiceProvider();
        var keys = new SigningKeys(_keyStore.GetRequiredService<IServiceScopeFactory>(), Clock, Create(Options));
        keys.EnsureKeyAsync().GetAwaiter().GetResult();
        AccessTokens = new AccessTokens(keys, Clock, Create(Options));
    }

    /// <summary>Starts on a whole second, as the test host's clock (JWTs keep whole seconds).</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public OAuthOptions Options { get; }
    public SecurityOptions Security { get; }
    public AccessTokens AccessTokens { get; }

    public MiniOAuthDb NewDb(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<MiniOAuthDb>(_dbOptions).AddInterceptors(interceptors).Options);

    public Revocations Revocations(MiniOAuthDb db) => new(db, AccessTokens, _queries, Clock);

    public AuthorizationCodeGrant CodeGrant(MiniOAuthDb db) => new(db, AccessTokens, Revocations(db), Clock, Create(Options));

    public RefreshTokenGrant RefreshGrant(MiniOAuthDb db) => new(db, AccessTokens, Revocations(db), Clock, Create(Options));

    /// <summary>A code for alice and the demo client, redeemed: the start of a refresh-token family.</summary>
    public async Task<TokenResponse> SignInAsync(string scope = "profile email")
    {
        var code = await IssueCodeAsync(scope);
        var result = await RedeemAsync(code);
        return result.Tokens ?? throw new InvalidOperationException(result.Error!.Description);
    }

    /// <summary>A code as the authorization endpoint issues it, for alice and the demo client.</summary>
    public Task<string> IssueCodeAsync(string scope = "profile email", string? challenge = null) => WithDbAsync(async db =>
    {
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == Demo.ClientId);
        var alice = await db.Users.AsNoTracking().FirstAsync(u => u.Username == "alice");
        return await AuthorizeFlow.IssueCodeAsync(db, client, alice, scope.Split(' '), Demo.RedirectUri, challenge,
            Clock.GetUtcNow().UtcDateTime, Options.AuthorizationCodeLifetime, CancellationToken.None);
    });

    public Task<GrantResult> RedeemAsync(string code, string? verifier = null, string redirectUri = Demo.RedirectUri) =>
        WithDbAsync(async db => await CodeGrant(db).HandleAsync(
            new TokenRequest("authorization_code", code, redirectUri, verifier, null, null), await ClientAsync(db, Demo.ClientId), CancellationToken.None));

    public Task<GrantResult> RefreshAsync(string refreshToken, string? scope = null, string clientId = Demo.ClientId) =>
        WithDbAsync(async db => await RefreshGrant(db).HandleAsync(
            new TokenRequest("refresh_token", null, null, null, refreshToken, scope), await ClientAsync(db, clientId), CancellationToken.None));

    /// <summary>Whether an access token would still be accepted by a Bearer endpoint.</summary>
    public Task<bool> IsLiveAsync(string accessToken) => WithDbAsync(async db =>
    {
        var claims = await AccessTokens.ValidateAsync(accessToken);
        return claims is not null && await Revocations(db).FindLiveUserAsync(claims) is not null;
    });

    public Task<Grant> GrantOfAsync(string refreshToken) => WithDbAsync(db =>
    {
        var hash = MiniOAuth.Server.Protocol.Secrets.HashForLookup(refreshToken);
        return db.RefreshTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Join(db.Grants, t => t.GrantId, g => g.Id, (t, g) => g).FirstAsync();
    });

    public Task<RefreshToken> RowOfAsync(string refreshToken) => WithDbAsync(db =>
    {
        var hash = MiniOAuth.Server.Protocol.Secrets.HashForLookup(refreshToken);
        return db.RefreshTokens.AsNoTracking().FirstAsync(t => t.Hash == hash);
    });

    public async Task<T> WithDbAsync<T>(Func<MiniOAuthDb, Task<T>> work)
    {
        await using var db = NewDb();
        return await work(db);
    }

    public static Task<ClientEntity> ClientAsync(MiniOAuthDb db, string clientId) =>
        db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId);

    public void Dispose()
    {
        _queries.Dispose();
        _keyStore.Dispose();
        _keepAlive.Dispose();
    }
}
