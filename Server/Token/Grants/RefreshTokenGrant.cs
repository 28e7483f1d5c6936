using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;

namespace MiniOAuth.Server.Token.Grants;

/// <summary>
/// <c>grant_type=refresh_token</c> (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2):
/// every use returns a new refresh token and ends the old one; using an ended one again ends the family.
/// </summary>
internal sealed class RefreshTokenGrant(
    MiniOAuthDb db, AccessTokens accessTokens, Revocations revocations, TimeProvider clock, IOptions<OAuthOptions> options)
{
    /// <summary>
    /// Adds a new refresh token of the grant to the context (saved by the caller's transaction): 256
    /// random bits, stored only as SHA-256, never outliving its grant's family. Returns the token.
    /// </summary>
    public static string Issue(MiniOAuthDb db, Grant grant, DateTime now, TimeSpan lifetime)
    {
        var token = Secrets.New();
        var expires = now + lifetime;
        db.RefreshTokens.Add(new RefreshToken
        {
            Hash = Secrets.HashForLookup(token),
            GrantId = grant.Id,
            ClientId = grant.ClientId,
            CreatedAt = now,
            ExpiresAt = expires < grant.ExpiresAt ? expires : grant.ExpiresAt,
        });
        return token;
    }

    public async Task<GrantResult> HandleAsync(TokenRequest request, Client client, CancellationToken ct)
    {
        if (request.RefreshToken is null)
        {
            return OAuthError.InvalidRequest("refresh_token is required.");
        }

        var hash = Secrets.HashForLookup(request.RefreshToken);
        var found = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Grants, t => t.GrantId, g => g.Id, (token, grant) => new { token, grant })
            .Select(x => new { x.token, x.grant, userDisabled = !db.Users.Any(u => u.Id == x.grant.UserId && !u.IsDisabled) })
            .FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (found is null)
        {
            return OAuthError.InvalidGrant("The refresh token is unknown.");
        }

        var (token, grant) = (found.token, found.grant);
        if (token.ClientId != client.Id)
        {
            return OAuthError.InvalidGrant("The refresh token was issued to another client.");
        }

        if (grant.RevokedAt is not null)
        {
            return OAuthError.InvalidGrant("The refresh token has been revoked.");
        }

        // Disabling a user ends their refresh tokens, whether or not the grants were revoked with it.
        if (found.userDisabled)
        {
            return OAuthError.InvalidGrant("The user of this grant is disabled.");
        }

        if (token.ConsumedAt is not null)
        {
            return await ReuseAsync(token, now, ct);
        }

        if (token.ExpiresAt <= now || grant.ExpiresAt <= now)
        {
            return OAuthError.InvalidGrant("The refresh token has expired.");
        }

        // RFC 6749 §6: the scope may narrow, never widen, what the user granted.
        var scopes = request.Scope is null ? Scopes.Parse(grant.Scope) : Scopes.Parse(request.Scope);
        if (scopes.Length == 0 || scopes.Any(s => !Scopes.Contains(grant.Scope, s)))
        {
            return OAuthError.InvalidScope($"The scope may only narrow the grant's scope '{grant.Scope}'.");
        }

        return await RotateAsync(token, grant, Scopes.Join(scopes), now, ct);
    }

    // Single use is one conditional update in the database, not a lock in memory, so that it holds
    // for any number of server processes: of N parallel uses exactly one changes the row.
    private async Task<GrantResult> RotateAsync(RefreshToken token, Grant grant, string scope, DateTime now, CancellationToken ct)
    {
        string next;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            next = Issue(db, grant, now, options.Value.RefreshTokenLifetime);
            var nextHash = Secrets.HashForLookup(next);
            var won = await db.RefreshTokens
                .Where(t => t.Hash == token.Hash && t.ConsumedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now).SetProperty(t => t.ReplacedByHash, nextHash), ct);
            if (won == 0)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var consumed = await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.Hash == token.Hash, ct);
                return await ReuseAsync(consumed, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var (accessToken, _) = await accessTokens.IssueAsync(grant.UserId, grant.ClientId, scope, grant.Id, ct);
        return new TokenResponse(accessToken, (int)options.Value.AccessTokenLifetime.TotalSeconds, next, scope);
    }

    /// <summary>
    /// RFC 9700 §4.14.2: a used refresh token presented again means that it leaked, so the whole family
    /// ends. Only with a grace period configured is the immediate predecessor, shortly after its
    /// rotation, refused without ending the family; older tokens never are.
    /// </summary>
    private async Task<GrantResult> ReuseAsync(RefreshToken token, DateTime now, CancellationToken ct)
    {
        var grace = options.Value.RefreshTokenReuseGrace;
        var withinGrace = grace > TimeSpan.Zero && now - token.ConsumedAt <= grace
            && await db.RefreshTokens.AnyAsync(t => t.Hash == token.ReplacedByHash && t.ConsumedAt == null, ct);
        if (withinGrace)
        {
            return OAuthError.InvalidGrant("The refresh token was just rotated; use the newest one.");
        }

        await revocations.RevokeGrantAsync(token.GrantId, ct);
        return OAuthError.InvalidGrant("The refresh token was already used; the grant is revoked.");
    }
}
