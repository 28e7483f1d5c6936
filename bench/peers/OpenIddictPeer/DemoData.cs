using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenIddictPeer;

internal sealed record DemoUser(string Id, string Username, string DisplayName, string Email, string Role, string PasswordHash);

/// <summary>The contract's demo users, in memory (login is not a benchmarked path).</summary>
internal sealed class DemoUsers
{
    private static readonly PasswordHasher<DemoUser> Hasher = new();
    private readonly Dictionary<string, DemoUser> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DemoUser> byId = [];

    public DemoUsers()
    {
        Add("1", "admin", "Admin", "admin@example.com", "admin", "adminpass");
        Add("2", "alice", "Alice", "alice@example.com", "user", "alicepass");
        Add("3", "bob", "Bob", "bob@example.com", "user", "bobpass");
    }

    public DemoUser? FindById(string? id) => id is not null && byId.TryGetValue(id, out var user) ? user : null;

    public DemoUser? CheckPassword(string username, string password) =>
        byName.TryGetValue(username, out var user)
        && Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed
            ? user
            : null;

    private void Add(string id, string username, string name, string email, string role, string password)
    {
        var user = new DemoUser(id, username, name, email, role, Hasher.HashPassword(null!, password));
        byName[username] = user;
        byId[id] = user;
    }
}

internal static class DemoData
{
    /// <summary>The MiniOAuth Client app as this server knows it, for the browser test that signs the Client in here.</summary>
    public const string ClientAppId = "minioauth-client";
    public const string ClientAppSecret = "minioauth-client-secret";

    // Demo data: the schema (WAL journal), the contract's demo client for the benchmark, and the
    // MiniOAuth Client app (provider key "openiddict"); safe to run twice.
    public static async Task SeedDemoDataAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerDb>();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync("23423423") is null)
        {
            await applications.CreateAsync(BenchmarkClient());
        }

        if (await applications.FindByClientIdAsync(ClientAppId) is null)
        {
            // ClientApp:Url is where the Client app runs (default http://localhost:5000, as in the README).
            var clientApp = scope.ServiceProvider.GetRequiredService<IConfiguration>()["ClientApp:Url"] ?? "http://localhost:5000";
            await applications.CreateAsync(ClientApp(clientApp.TrimEnd('/')));
        }
    }

    private static OpenIddictApplicationDescriptor BenchmarkClient() => new()
    {
        ClientId = "23423423",
        ClientSecret = "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z",
        ClientType = ClientTypes.Confidential,
        ConsentType = ConsentTypes.Explicit,
        DisplayName = "Demo client",
        RedirectUris = { new Uri("http://localhost:5000/callback") },
        Permissions =
        {
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.GrantTypes.ClientCredentials,
            Permissions.ResponseTypes.Code,
            Permissions.Prefixes.Scope + "profile",
            Permissions.Prefixes.Scope + "email",
            Permissions.Prefixes.Scope + "roles",
            Permissions.Prefixes.Scope + "userdata",
        },
    };

    // The Client app signs in here as provider "openiddict", by discovery alone: its callback is
    // /callback/openiddict, it comes back to its home page after the end-session endpoint, and it
    // must send a PKCE challenge (RFC 7636), which OpenIddict then checks.
    private static OpenIddictApplicationDescriptor ClientApp(string url) => new()
    {
        ClientId = ClientAppId,
        ClientSecret = ClientAppSecret,
        ClientType = ClientTypes.Confidential,
        ConsentType = ConsentTypes.Explicit,
        DisplayName = "MiniOAuth Client app",
        RedirectUris = { new Uri($"{url}/callback/openiddict") },
        PostLogoutRedirectUris = { new Uri($"{url}/") },
        Permissions =
        {
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Prefixes.Scope + "profile",
            Permissions.Prefixes.Scope + "email",
            Permissions.Prefixes.Scope + "roles",
        },
        Requirements = { Requirements.Features.ProofKeyForCodeExchange },
    };
}
