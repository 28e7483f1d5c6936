using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Token;

/// <summary>
/// The keys that sign access tokens. They live in the database, so that every instance signs with
/// the same key and accepts every instance's tokens; this class keeps a copy in memory and reloads
/// it when a token names a key it does not know, or after <see cref="ReloadInterval"/>.
/// Publish before sign: a new key is in every instance's JWKS at most <see cref="ReloadInterval"/>
/// after its rotation, and no instance signs with it before <see cref="ActivationDelay"/>, so no
/// token ever names a key that an instance (or an API that read its JWKS) does not know. The old key
/// signs until then and stays published while its tokens may live.
/// </summary>
internal sealed class SigningKeys(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OAuthOptions> options)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a new key is only published: every instance reloads within <see cref="ReloadInterval"/>;
    /// the 30 s on top cover clocks that differ between instances.
    /// </summary>
    public static readonly TimeSpan ActivationDelay = ReloadInterval + TimeSpan.FromSeconds(30);

    // A token naming an unknown key reloads at most this often, so forged kids cannot flood the database.
    private static readonly TimeSpan UnknownKidReloadDelay = TimeSpan.FromSeconds(5);

    private volatile KeySet? _keys;
    private long _lastUnknownKidReloadTicks;
    private readonly SemaphoreSlim _reload = new(1, 1);

    /// <summary>The key that signs new access tokens: the newest one that every instance publishes.</summary>
    public async ValueTask<Es256Signer> GetSignerAsync(CancellationToken ct = default) =>
        (await GetAsync(ct)).Signer;

    /// <summary>Every key whose tokens may still be alive, for validation and the JWKS.</summary>
    public async ValueTask<IReadOnlyList<ECDsaSecurityKey>> GetPublishedKeysAsync(CancellationToken ct = default) =>
        (await GetAsync(ct)).Published;

    /// <summary>Finds a key by <c>kid</c>, reloading once from the database when it is not known here.</summary>
    public async ValueTask<ECDsaSecurityKey?> FindAsync(string kid, CancellationToken ct = default)
    {
        var keys = await GetAsync(ct);
        var key = keys.Published.FirstOrDefault(k => k.KeyId == kid);
        var now = clock.GetUtcNow();

        // Timed from the last reload for an unknown kid, not from the last reload of any kind: a key that
        // another instance made just after this one's periodic reload is still found at once.
        if (key is not null || now.UtcTicks < Interlocked.Read(ref _lastUnknownKidReloadTicks) + UnknownKidReloadDelay.Ticks)
        {
            return key;
        }

        Interlocked.Exchange(ref _lastUnknownKidReloadTicks, now.UtcTicks);
        return (await ReloadAsync(ct)).Published.FirstOrDefault(k => k.KeyId == kid);
    }

    /// <summary>Creates a key when the database has none that signs, then loads the keys.</summary>
    public async Task EnsureKeyAsync(CancellationToken ct = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
            if (!await db.SigningKeys.AnyAsync(k => k.RetiredAt == null, ct))
            {
                db.SigningKeys.Add(NewKey(clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(ct);
            }
        }

        await ReloadAsync(ct);
    }

    /// <summary>
    /// Adds a new key, published at once, signing from <c>now + ActivationDelay</c>; the others retire
    /// at that moment and stay published while their tokens live. Returns the new key's id and the
    /// moment it starts signing.
    /// </summary>
    public static async Task<(string Kid, DateTime SignsFrom)> RotateAsync(MiniOAuthDb db, DateTime now, CancellationToken ct = default)
    {
        var signsFrom = now + ActivationDelay;
        await db.SigningKeys.Where(k => k.RetiredAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RetiredAt, signsFrom), ct);
        var key = NewKey(now);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key.Id, signsFrom);
    }

    private static SigningKey NewKey(DateTime now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new SigningKey
        {
            Id = Secrets.New()[..16],
            Algorithm = Algorithm,
            PrivateKey = ecdsa.ExportPkcs8PrivateKey(),
            CreatedAt = now,
        };
    }

    private async ValueTask<KeySet> GetAsync(CancellationToken ct)
    {
        var keys = _keys;
        return keys is not null && clock.GetUtcNow() < keys.LoadedAt + ReloadInterval ? keys : await ReloadAsync(ct);
    }

    private async Task<KeySet> ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
            var now = clock.GetUtcNow();
            // An instance that has not reloaded yet signs with a retired key for up to ReloadInterval after its
            // retirement: such tokens must stay valid to their end on every instance.
            var oldest = now.UtcDateTime - options.Value.AccessTokenLifetime - ReloadInterval;
            var utcNow = now.UtcDateTime;
            var rows = await db.SigningKeys.AsNoTracking()
                .Where(k => k.RetiredAt == null || k.RetiredAt > oldest)
                .OrderByDescending(k => k.CreatedAt)
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                throw new InvalidOperationException("No signing key in the database; start-up creates one.");
            }

            var known = _keys?.Published.ToDictionary(k => k.KeyId) ?? [];
            var published = rows.Select(r => known.GetValueOrDefault(r.Id) ?? ToSecurityKey(r)).ToList();
            // Publish before sign: the newest unretired key old enough to be in every instance's JWKS.
            // Until one is (a fresh database, or a rotation soon after it), the outgoing key, else the first.
            var unretired = rows.FindAll(r => r.RetiredAt is null || r.RetiredAt > utcNow);
            var chosen = unretired.FirstOrDefault(r => r.CreatedAt <= utcNow - ActivationDelay)
                ?? unretired.FirstOrDefault(r => r.RetiredAt is not null) ?? unretired.LastOrDefault() ?? rows[0];
            var signing = published[rows.IndexOf(chosen)];
            var signer = _keys?.Signer.Kid == signing.KeyId ? _keys.Signer : new Es256Signer(signing.ECDsa, signing.KeyId, AccessTokens.TokenType);
            var keys = new KeySet(signer, published, now);
            _keys = keys;
            return keys;
        }
        finally
        {
            _reload.Release();
        }
    }

    private static ECDsaSecurityKey ToSecurityKey(SigningKey row)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(row.PrivateKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = row.Id };
    }

    private sealed record KeySet(Es256Signer Signer, IReadOnlyList<ECDsaSecurityKey> Published, DateTimeOffset LoadedAt);
}
