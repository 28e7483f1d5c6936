using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Token;

/// <summary>
/// Ends tokens, and tells whether an access token is still alive. Everything is in the database, so a
/// revocation on one instance holds on every instance at the next request.
/// </summary>
internal sealed class Revocations(MiniOAuthDb db, HotQueries queries, TimeProvider clock)
{
    /// <summary>Ends a grant: its refresh-token family and every access token issued from it.</summary>
    public Task RevokeGrantAsync(string grantId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Grants.Where(g => g.Id == grantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
    }

    /// <summary>Ends every grant of a user, or of a user with one client.</summary>
    public Task RevokeGrantsAsync(string userId, string? clientId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Grants.Where(g => g.UserId == userId && (clientId == null || g.ClientId == clientId) && g.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
    }

    /// <summary>Ends one access token by its <c>jti</c> (RFC 7009 §2.1).</summary>
    public async Task RevokeAccessTokenAsync(AccessTokenClaims token, CancellationToken ct = default)
    {
        var revoked = await db.RevokedAccessTokens.Where(r => r.Jti == token.Jti)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, token.ExpiresAt), ct);
        if (revoked == 0)
        {
            db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = token.Jti, ExpiresAt = token.ExpiresAt });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request revoked the same token at the same moment: the row exists, as wanted.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The user behind a live user access token, in one query: the token is not revoked; its grant is
    /// the token's own user and client, not revoked and not past its family lifetime; the user is not
    /// disabled. Null when any of these fails. (A signed token could only name another grant if a
    /// signing key leaked; the check costs nothing in the same query.)
    /// </summary>
    public Task<User?> FindLiveUserAsync(AccessTokenClaims token, CancellationToken ct = default) =>
        queries.LiveUser(db, token.Subject, token.ClientId, token.GrantId!, token.Jti, clock.GetUtcNow().UtcDateTime, ct);

    /// <summary>Whether a client-credentials token is live: not revoked, and its client still exists.</summary>
    public Task<bool> IsLiveClientTokenAsync(AccessTokenClaims token, CancellationToken ct = default) =>
        queries.LiveClientToken(db, token.ClientId, token.Jti, ct);
}
