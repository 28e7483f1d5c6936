// Not needed to understand the protocol: the PostgreSQL flavour of the database, for several instances.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MiniOAuth.Server.Data.Postgres;

/// <summary>
/// <see cref="MiniOAuthDb"/> on PostgreSQL (<c>Database:Provider = Postgres</c>): the same model, with
/// the migrations in Data/Migrations/Postgres. EF Core binds migrations to a context type, so this
/// subclass is what keeps the two providers' migrations apart; the rest of the code sees a MiniOAuthDb.
/// Npgsql maps <see cref="DateTime"/> to <c>timestamp with time zone</c> and accepts only UTC values,
/// which is what the server writes (every time comes from <see cref="TimeProvider.GetUtcNow"/>).
/// </summary>
public sealed class PostgresMiniOAuthDb(DbContextOptions<PostgresMiniOAuthDb> options) : MiniOAuthDb(options);

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model without configuration or a running server: adding a
/// migration and checking for pending model changes never connect.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMiniOAuthDb>
{
    public PostgresMiniOAuthDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMiniOAuthDb>().UseNpgsql("Host=localhost;Database=minioauth").Options);
}

/// <summary>
/// The SQLite model for <c>dotnet ef</c>, on the default database file. It must exist beside the
/// PostgreSQL factory: EF Core would otherwise build a MiniOAuthDb with that one (a factory of the
/// subclass also counts as a factory of the base class).
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MiniOAuthDb>
{
    public MiniOAuthDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MiniOAuthDb>().UseSqlite("Data Source=minioauth.db").Options);
}
