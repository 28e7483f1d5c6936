using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Data;

internal static class DatabaseSetup
{
    public static IServiceCollection AddMiniOAuthDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Default") ?? "Data Source=minioauth.db";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider '{provider}' is not supported; use Sqlite."]);
        }

        services.AddDbContextPool<MiniOAuthDb>(db => db
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas())
            .UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll));

        // Data-protection keys (antiforgery tokens) live in the database too: every instance shares them.
        services.AddDataProtection().SetApplicationName("MiniOAuth");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>Applies the migrations: the schema is always the one the code expects.</summary>
    public static async Task MigrateAsync(MiniOAuthDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers never wait for the writer. Persistent in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>
    /// With WAL, <c>synchronous=NORMAL</c> keeps the database consistent after a crash; a power cut may
    /// lose the last transactions, never corrupt the file. Set on every new connection.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}
