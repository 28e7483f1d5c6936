using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Data;

/// <summary>
/// The queries on the hot paths (client authentication, and the revocation check on every Bearer
/// request), compiled once instead of translated on every call. A compiled query serves one model only,
/// and SQLite and PostgreSQL have a model each, so each context type has its own copies (one process
/// uses one provider; the test suite runs both at once).
/// </summary>
internal static class CompiledQueries
{
    public static Task<Client?> ClientById(MiniOAuthDb db, string id) => db is PostgresMiniOAuthDb postgres
        ? For<PostgresMiniOAuthDb>.ClientById(postgres, id)
        : For<MiniOAuthDb>.ClientById(db, id);

    /// <summary>The user of a live user token: not disabled, grant not revoked, token not revoked.</summary>
    public static Task<User?> LiveUser(MiniOAuthDb db, string userId, string grantId, string jti) => db is PostgresMiniOAuthDb postgres
        ? For<PostgresMiniOAuthDb>.LiveUser(postgres, userId, grantId, jti)
        : For<MiniOAuthDb>.LiveUser(db, userId, grantId, jti);

    /// <summary>Whether a client-credentials token is live: its client exists and the token is not revoked.</summary>
    public static Task<bool> LiveClientToken(MiniOAuthDb db, string clientId, string jti) => db is PostgresMiniOAuthDb postgres
        ? For<PostgresMiniOAuthDb>.LiveClientToken(postgres, clientId, jti)
        : For<MiniOAuthDb>.LiveClientToken(db, clientId, jti);

    private static class For<TDb> where TDb : MiniOAuthDb
    {
        public static readonly Func<TDb, string, Task<Client?>> ClientById =
            EF.CompileAsyncQuery((TDb db, string id) => db.Clients.AsNoTracking().FirstOrDefault(c => c.Id == id));

        public static readonly Func<TDb, string, string, string, Task<User?>> LiveUser =
            EF.CompileAsyncQuery((TDb db, string userId, string grantId, string jti) => db.Users.AsNoTracking()
                .FirstOrDefault(u => u.Id == userId && !u.IsDisabled
                    && db.Grants.Any(g => g.Id == grantId && g.RevokedAt == null)
                    && !db.RevokedAccessTokens.Any(r => r.Jti == jti)));

        public static readonly Func<TDb, string, string, Task<bool>> LiveClientToken =
            EF.CompileAsyncQuery((TDb db, string clientId, string jti) =>
                db.Clients.Any(c => c.Id == clientId && !db.RevokedAccessTokens.Any(r => r.Jti == jti)));
    }
}
