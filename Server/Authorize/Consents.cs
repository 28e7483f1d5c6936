using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Authorize;

/// <summary>Remembered consent, per user and client: a request for no new scope skips the page.</summary>
internal sealed class Consents(MiniOAuthDb db, TimeProvider clock)
{
    public async Task<bool> CoversAsync(string userId, string clientId, string[] scopes, CancellationToken ct)
    {
        var granted = await db.Consents.AsNoTracking()
            .Where(c => c.UserId == userId && c.ClientId == clientId)
            .Select(c => c.Scopes)
            .FirstOrDefaultAsync(ct);
        return granted is not null && scopes.All(granted.Contains);
    }

    /// <summary>Adds the scopes to what the user has granted the client.</summary>
    public async Task RememberAsync(string userId, string clientId, string[] scopes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.UserId == userId && c.ClientId == clientId, ct);
        if (consent is null)
        {
            db.Consents.Add(new Consent { UserId = userId, ClientId = clientId, Scopes = [.. scopes], GrantedAt = now });
        }
        else
        {
            consent.Scopes = [.. consent.Scopes.Union(scopes)];
            consent.GrantedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseUnavailable.IsUnreachable(e))
        {
            // Two tabs consented at once: the other one stored the consent; ask again next time if it differs.
            db.ChangeTracker.Clear();
        }
    }
}
