using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Accounts;

/// <summary>
/// Ends everything a user has been given: the contract's "disabling a user or changing their password
/// ends their login sessions, refresh tokens and access tokens". A grant's revocation ends its refresh
/// family and its access tokens at once (<see cref="Revocations"/>).
/// </summary>
internal sealed class UserAccess(MiniOAuthDb db, Revocations revocations, LoginSessions sessions)
{
    /// <summary>
    /// Ends every grant, pending authorization code and login session of the user. Run it in the
    /// caller's transaction, with the change that makes it necessary.
    /// </summary>
    public async Task EndAllAsync(string userId, CancellationToken ct = default)
    {
        // Codes first: a code redeemed after the grants were revoked would start a new, live grant.
        await db.AuthorizationCodes.Where(c => c.UserId == userId && c.RedeemedAt == null).ExecuteDeleteAsync(ct);
        await revocations.RevokeGrantsAsync(userId, ct: ct);
        await sessions.EndAllAsync(userId, ct);
    }
}
