using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data.Postgres;
using MiniOAuth.Server.Fast;
using MiniOAuth.Server.Options;
using Npgsql;

namespace MiniOAuth.Server.Data;

internal static class DatabaseSetup
{
    /// <summary>
    /// The database chosen by <c>Database:Provider</c>: <c>Sqlite</c> (default, one process) or
    /// <c>Postgres</c> (any number of instances on one database), at <c>ConnectionStrings:Default</c>.
    /// </summary>
    public static IServiceCollection AddMiniOAuthDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Default") ?? "Data Source=minioauth.db";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContextPool<MiniOAuthDb>(db => db
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmas()));
            services.AddSingleton(_ => new HotQueries(new SqliteReaders(connectionString)));
        }
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            CheckPostgresConnectionString(connectionString);
            services.AddDbContextPool<MiniOAuthDb, PostgresMiniOAuthDb>(db => db
                .UseNpgsql(connectionString)
                .AddInterceptors(new PostgresNulReplacer()));
            services.AddSingleton(_ => new HotQueries(sqlite: null));
        }
        else
        {
            throw Invalid($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }

        // Data-protection keys (antiforgery tokens) live in the database too: every instance shares them.
        services.AddDataProtection().SetApplicationName("MiniOAuth");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// Applies the migrations: the schema is always the one the code expects. Callers hold the
    /// <see cref="StartupLock"/>, so that instances starting together migrate one after the other.
    /// </summary>
    public static async Task MigrateAsync(MiniOAuthDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers never wait for the writer. Persistent in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    // The SQLite default of appsettings.json is easily left in place when switching to Postgres: say so at start-up.
    private static void CheckPostgresConnectionString(string connectionString)
    {
        try
        {
            if (string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host))
            {
                throw Invalid("Database:Provider is Postgres, but ConnectionStrings:Default names no Host.");
            }
        }
        catch (ArgumentException)
        {
            throw Invalid("Database:Provider is Postgres, but ConnectionStrings:Default is not an Npgsql connection string "
                + "(Host=…;Database=…;Username=…;Password=…).");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(DatabaseOptions.Section, typeof(DatabaseOptions), [message]);
}
