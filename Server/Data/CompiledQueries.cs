using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Data;

/// <summary>
/// The queries on the hot paths (client authentication, and the revocation check on every Bearer
/// request), compiled once instead of translated on every call.
/// </summary>
internal static class CompiledQueries
{
    public static readonly Func<MiniOAuthDb, string, Task<Client?>> ClientById =
        EF.CompileAsyncQuery((MiniOAuthDb db, string id) => db.Clients.AsNoTracking().FirstOrDefault(c => c.Id == id));

    /// <summary>The user of a live user token: not disabled, grant not revoked, token not revoked.</summary>
    public static readonly Func<MiniOAuthDb, string, string, string, Task<User?>> LiveUser =
        EF.CompileAsyncQuery((MiniOAuthDb db, string userId, string grantId, string jti) => db.Users.AsNoTracking()
            .FirstOrDefault(u => u.Id == userId && !u.IsDisabled
                && db.Grants.Any(g => g.Id == grantId && g.RevokedAt == null)
                && !db.RevokedAccessTokens.Any(r => r.Jti == jti)));

    /// <summary>Whether a client-credentials token is live: its client exists and the token is not revoked.</summary>
    public static readonly Func<MiniOAuthDb, string, string, Task<bool>> LiveClientToken =
        EF.CompileAsyncQuery((MiniOAuthDb db, string clientId, string jti) =>
            db.Clients.Any(c => c.Id == clientId && !db.RevokedAccessTokens.Any(r => r.Jti == jti)));
}
