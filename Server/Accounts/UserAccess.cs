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
internal sealed class UserAccess(MiniOAuthDb db, Revocations revocations, LoginSessions sessions, Passwords passwords)
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

    /// <summary>Sets a new password and ends everything the old one gave: sessions, refresh and access tokens.</summary>
    public async Task ChangePasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        var hash = passwords.Hash(newPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, hash), ct);
        await EndAllAsync(userId, ct);
        await transaction.CommitAsync(ct);
    }
}
