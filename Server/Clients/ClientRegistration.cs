using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Revocation;

namespace MiniOAuth.Server.Clients;

/// <summary>A registered client with its secrets, which are shown this once and stored only as hashes.</summary>
public sealed record RegisteredClient(Client Client, string? Secret, string? ApiKey);

/// <summary>A new credential (shown once), or why there is none.</summary>
public sealed record Rotation(string? Credential, string? Error)
{
    /// <summary>Whether the error is that no client has the id.</summary>
    public bool NoSuchClient { get; init; }

    public static Rotation UnknownClient(string clientId) => new(null, $"No client has the id '{clientId}'.") { NoSuchClient = true };
}

/// <summary>What deleting a client ends: live grants (each with its tokens), consents, and users' stored data.</summary>
public sealed record ClientFootprint(int LiveGrants, int Consents, int UserDataEntries);

/// <summary>
/// The life of a client: registration, changes, new credentials, deletion. The admin pages and the
/// command line both go through here. Every change takes effect at the next request, on every instance.
/// </summary>
internal sealed class ClientRegistration(MiniOAuthDb db, TimeProvider clock, PublicClientOrigins origins)
{
    public async Task<RegisteredClient> CreateAsync(NewClient request, CancellationToken ct = default)
    {
        var secret = request.IsPublic ? null : Secrets.New();
        var apiKey = Secrets.New();
        var client = new Client
        {
            Id = Secrets.New()[..22],
            Name = request.Name!,
            IsConfidential = !request.IsPublic,
            IsResourceServer = request.IsResourceServer,
            SecretHash = secret is null ? null : Secrets.Sha256(secret),
            ApiKeyHash = Secrets.Sha256(apiKey),
            RedirectUris = [.. request.RedirectUris.Distinct()],
            AllowedGrants = [.. (request.Grants ?? DefaultGrants(request)).Distinct()],
            AllowedScopes = [.. (request.Scopes ?? Protocol.Scopes.All).Distinct()],
            RequirePkce = request.RequirePkce ?? true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        await origins.LoadAsync(db, ct);
        return new RegisteredClient(client, secret, apiKey);
    }

    public Task<List<Client>> ListAsync(CancellationToken ct = default) =>
        db.Clients.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(ct);

    public Task<Client?> FindAsync(string clientId, CancellationToken ct = default) =>
        db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);

    /// <summary>
    /// Changes name, redirect URIs, grants, scopes and PKCE; the type stays (a confidential client's
    /// refresh tokens must never become usable without its secret), and so does being a resource server. A scope taken away ends the
    /// grants that hold it: no token keeps a permission the client no longer has.
    /// </summary>
    public async Task<bool> UpdateAsync(string clientId, NewClient request, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return false;
        }

        var scopes = (request.Scopes ?? client.AllowedScopes).Distinct().ToList();
        var removedScopes = client.AllowedScopes.Except(scopes).ToHashSet();
        client.Name = request.Name!;
        client.RedirectUris = [.. request.RedirectUris.Distinct()];
        client.AllowedGrants = [.. (request.Grants ?? client.AllowedGrants).Distinct()];
        client.AllowedScopes = scopes;
        client.RequirePkce = request.RequirePkce ?? client.RequirePkce;
        await db.SaveChangesAsync(ct);
        if (removedScopes.Count > 0)
        {
            var live = await db.Grants.AsNoTracking().Where(g => g.ClientId == clientId && g.RevokedAt == null)
                .Select(g => new { g.Id, g.Scope }).ToListAsync(ct);
            var ids = live.Where(g => Protocol.Scopes.Parse(g.Scope).Any(removedScopes.Contains)).Select(g => g.Id).ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Grants.Where(g => ids.Contains(g.Id)).ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
        }

        await transaction.CommitAsync(ct);
        await origins.LoadAsync(db, ct);
        return true;
    }

    /// <summary>A new client secret; the old one stops working at once (one conditional update).</summary>
    public async Task<Rotation> RotateSecretAsync(string clientId, CancellationToken ct = default)
    {
        var secret = Secrets.New();
        var hash = Secrets.Sha256(secret);
        var changed = await db.Clients.Where(c => c.Id == clientId && c.IsConfidential)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretHash, hash), ct);
        return changed > 0 ? new Rotation(secret, null)
            : await db.Clients.AnyAsync(c => c.Id == clientId, ct) ? new Rotation(null, "A public client has no secret to rotate.")
            : Rotation.UnknownClient(clientId);
    }

    /// <summary>A new API key for the userdata store; the old one stops working at once.</summary>
    public async Task<Rotation> RotateApiKeyAsync(string clientId, CancellationToken ct = default)
    {
        var apiKey = Secrets.New();
        var hash = Secrets.Sha256(apiKey);
        var changed = await db.Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ApiKeyHash, hash), ct);
        return changed > 0 ? new Rotation(apiKey, null) : Rotation.UnknownClient(clientId);
    }

    public async Task<ClientFootprint> FootprintAsync(string clientId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new ClientFootprint(
            await db.Grants.CountAsync(g => g.ClientId == clientId && g.RevokedAt == null && g.ExpiresAt > now, ct),
            await db.Consents.CountAsync(c => c.ClientId == clientId, ct),
            await db.UserData.CountAsync(d => d.ClientId == clientId, ct));
    }

    /// <summary>
    /// Deletes a client and everything it holds: its grants end (and with them every refresh and access
    /// token issued to it), and its consents, codes, refresh tokens and userdata go. Client-credentials
    /// tokens end with the client itself (<see cref="Token.Revocations.IsLiveClientTokenAsync"/>).
    /// </summary>
    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Clients.Where(c => c.Id == clientId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return false;
        }

        await db.AuthorizationCodes.Where(c => c.ClientId == clientId).ExecuteDeleteAsync(ct);
        await db.Grants.Where(g => g.ClientId == clientId && g.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), ct);
        await db.RefreshTokens.Where(t => t.ClientId == clientId).ExecuteDeleteAsync(ct);
        await db.Consents.Where(c => c.ClientId == clientId).ExecuteDeleteAsync(ct);
        await db.UserData.Where(d => d.ClientId == clientId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        await origins.LoadAsync(db, ct);
        return true;
    }

    /// <summary>Every grant this kind of client may use.</summary>
    private static string[] DefaultGrants(NewClient request) =>
        request.IsResourceServer ? [GrantTypes.ClientCredentials]
        : request.IsPublic ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken]
        : [.. GrantTypes.All];
}
