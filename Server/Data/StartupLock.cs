using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MiniOAuth.Server.Data;

/// <summary>
/// A lock held while an instance prepares the database at start-up (migrations, demo data, the first signing
/// key and data-protection key), so that instances starting at once take turns: the first does the
/// work, the others find it done. On PostgreSQL it is a session-level advisory lock on an unpooled
/// connection of its own: closing that connection, or the process dying, ends the session and with it
/// the lock. (Npgsql also locks its migrations history table while migrating; this lock covers the rest.)
/// SQLite needs none: one process owns the file.
/// </summary>
internal static class StartupLock
{
    // Any fixed number, the same in every instance: "MiniOAut" in ASCII.
    private const long Key = 0x4D696E694F417574;

    // How long an instance waits for another one's migrations before giving up with an error.
    private const int WaitSeconds = 300;

    // Disposing the result releases the lock: on PostgreSQL it is the session's connection; on SQLite null.
    // SQLite is asked for rather than PostgreSQL, and no Npgsql type appears outside LockPostgresAsync:
    // asking whether the provider is Npgsql would load Npgsql, which a SQLite process otherwise never loads.
    public static async Task<IAsyncDisposable?> AcquireAsync(MiniOAuthDb db, CancellationToken ct = default) =>
        db.Database.IsSqlite() ? null : await LockPostgresAsync(db, ct);

    private static async Task<IAsyncDisposable> LockPostgresAsync(MiniOAuthDb db, CancellationToken ct)
    {
        // The lock lives in the database, so the database must exist first; two instances may both try to create it.
        await CreateDatabaseIfMissingAsync(db, ct);
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = WaitSeconds };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(MiniOAuthDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago.
        }
    }
}
