using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Data;

/// <summary>
/// ===== Demo data =====
/// The demo clients and users of the contract, so that the walkthrough works on a fresh database.
/// Made on an empty database in Development, or by the <c>seed-demo</c> command; safe to run twice:
/// only what is missing is added, and nothing that exists is changed.
/// </summary>
internal static class DemoData
{
    public const string ClientId = "23423423";
    public const string ClientSecret = "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z";
    public const string ApiKey = "232l4kj23l4j2l34j23l42l34242";
    /// <summary>The companion Client app (Client/appsettings.json), which signs in as the demo client.</summary>
    public const string ClientAppUrl = "http://localhost:5000";
    public const string RedirectUri = ClientAppUrl + "/callback";
    public const string PublicClientId = "spa-demo";
    public const string PublicRedirectUri = "http://localhost:3000/callback";

    private static readonly (string Username, string Password, string Role, string Name, string Email)[] Users =
    [
        ("admin", "adminpass", "admin", "Admin", "admin@example.com"),
        ("alice", "alicepass", "user", "Alice", "alice@example.com"),
        ("bob", "bobpass", "user", "Bob", "bob@example.com"),
    ];

    /// <summary>Adds what is missing of the demo data; returns how many rows were added.</summary>
    public static async Task<int> SeedAsync(MiniOAuthDb db, Passwords passwords, DateTime now, CancellationToken ct = default)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == ClientId, ct))
        {
            db.Clients.Add(new Client
            {
                Id = ClientId,
                Name = "MiniOAuth demo client",
                IsConfidential = true,
                SecretHash = Secrets.Sha256(ClientSecret),
                ApiKeyHash = Secrets.Sha256(ApiKey),
                RedirectUris = [RedirectUri],
                AllowedGrants = [.. GrantTypes.All],
                AllowedScopes = [.. Scopes.All],
                RequirePkce = false,
                CreatedAt = now,
            });
        }

        if (!await db.Clients.AnyAsync(c => c.Id == PublicClientId, ct))
        {
            db.Clients.Add(new Client
            {
                Id = PublicClientId,
                Name = "MiniOAuth demo single-page app",
                IsConfidential = false,
                RedirectUris = [PublicRedirectUri],
                AllowedGrants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
                AllowedScopes = [.. Scopes.All],
                RequirePkce = true,
                CreatedAt = now,
            });
        }

        foreach (var (username, password, role, name, email) in Users)
        {
            if (!await db.Users.AnyAsync(u => u.NormalizedUsername == username, ct))
            {
                db.Users.Add(new User
                {
                    Id = Guid.NewGuid().ToString("N"),
                    Username = username,
                    NormalizedUsername = username,
                    Name = name,
                    Email = email,
                    PasswordHash = passwords.Hash(password),
                    Roles = [role],
                    CreatedAt = now,
                });
            }
        }

        return await db.SaveChangesAsync(ct);
    }
}
