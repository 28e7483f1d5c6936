using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Revocation;
using MiniOAuth.Server.Token;

namespace MiniOAuth.Server.Accounts;

/// <summary>An app the user has consented to, as the account page lists it.</summary>
internal sealed record AuthorizedApp(string ClientId, string Name, IReadOnlyList<string> Scopes, DateTime GrantedAt);

/// <summary>The apps a user has let in, and taking that back.</summary>
internal sealed class AuthorizedApps(MiniOAuthDb db, Revocations revocations)
{
    public async Task<List<AuthorizedApp>> ListAsync(string userId, CancellationToken ct = default)
    {
        var rows = await db.Consents.AsNoTracking()
            .Where(c => c.UserId == userId)
            .Join(db.Clients, c => c.ClientId, k => k.Id, (consent, client) => new { consent, client.Name })
            .ToListAsync(ct);
        return [.. rows.Select(r => new AuthorizedApp(r.consent.ClientId, r.Name, r.consent.Scopes, r.consent.GrantedAt))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>One app the user let in, and how many bytes of userdata it keeps for them (0 for none); null when it has no access.</summary>
    public async Task<(AuthorizedApp App, int UserDataBytes)?> FindAsync(string userId, string clientId, CancellationToken ct = default)
    {
        if ((await ListAsync(userId, ct)).Find(a => a.ClientId == clientId) is not { } app)
        {
            return null;
        }

        var json = await db.UserData.Where(d => d.ClientId == clientId && d.UserId == userId).Select(d => d.Json).FirstOrDefaultAsync(ct);
        return (app, json is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(json));
    }

    /// <summary>
    /// Revokes an app at once: its grants end (refresh and access tokens with them), pending codes go,
    /// the remembered consent goes (the next request asks again), and so does the user's data for it.
    /// </summary>
    public async Task RevokeAsync(string userId, string clientId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.AuthorizationCodes.Where(c => c.UserId == userId && c.ClientId == clientId && c.RedeemedAt == null)
            .ExecuteDeleteAsync(ct);
        await revocations.RevokeGrantsAsync(userId, clientId, ct);
        await db.Consents.Where(c => c.UserId == userId && c.ClientId == clientId).ExecuteDeleteAsync(ct);
        await db.UserData.Where(d => d.ClientId == clientId && d.UserId == userId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
