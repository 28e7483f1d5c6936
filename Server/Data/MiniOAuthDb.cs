using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Data;

/// <summary>
/// The server's database, and the type the rest of the code injects. On SQLite (the default) it is
/// this class; on PostgreSQL it is <see cref="PostgresMiniOAuthDb"/>, the same model with migrations of
/// its own, since each provider writes its own column types. After a change to the model, add a
/// migration for each (<c>dotnet ef</c> builds both models with the design-time factories beside
/// PostgresMiniOAuthDb, no server needed):
/// <code>
/// dotnet ef migrations add Name --project Server --context MiniOAuthDb --output-dir Data/Migrations
/// dotnet ef migrations add Name --project Server --context PostgresMiniOAuthDb --output-dir Data/Migrations/Postgres
/// dotnet ef migrations has-pending-model-changes --project Server --context MiniOAuthDb
/// dotnet ef migrations has-pending-model-changes --project Server --context PostgresMiniOAuthDb
/// </code>
/// </summary>
public class MiniOAuthDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<RevokedAccessToken> RevokedAccessTokens => Set<RevokedAccessToken>();
    public DbSet<LoginSession> LoginSessions => Set<LoginSession>();
    public DbSet<LoginFailureCount> LoginFailureCounts => Set<LoginFailureCount>();
    public DbSet<UserDataEntry> UserData => Set<UserDataEntry>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<User>(user =>
        {
            user.HasIndex(u => u.NormalizedUsername).IsUnique();
            user.Property(u => u.Username).HasMaxLength(64);
            user.Property(u => u.NormalizedUsername).HasMaxLength(64);
        });
        model.Entity<Client>().HasIndex(c => c.ApiKeyHash).IsUnique();
        model.Entity<Consent>().HasKey(c => new { c.UserId, c.ClientId });
        model.Entity<AuthorizationCode>(code =>
        {
            code.HasKey(c => c.Hash);
            code.HasIndex(c => c.ExpiresAt);
        });
        model.Entity<Grant>(grant =>
        {
            grant.HasIndex(g => g.UserId);
            grant.HasIndex(g => g.ClientId);
            grant.HasIndex(g => g.ExpiresAt);
        });
        model.Entity<RefreshToken>(token =>
        {
            token.HasKey(t => t.Hash);
            token.HasIndex(t => t.GrantId);
            token.HasIndex(t => t.ExpiresAt);
        });
        model.Entity<RevokedAccessToken>(revoked =>
        {
            revoked.HasKey(r => r.Jti);
            revoked.HasIndex(r => r.ExpiresAt);
        });
        model.Entity<LoginSession>(session =>
        {
            session.HasKey(s => s.Hash);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
        });
        model.Entity<LoginFailureCount>().HasKey(f => f.Key);
        model.Entity<UserDataEntry>(entry =>
        {
            entry.HasKey(e => new { e.ClientId, e.UserId });
            entry.Property(e => e.Version).IsConcurrencyToken();
        });
    }
}
