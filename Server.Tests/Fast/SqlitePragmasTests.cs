using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Fast;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Fast;

/// <summary>
/// The durability the README states (WAL with <c>synchronous=NORMAL</c>) holds on every connection the
/// server uses: on a new native connection, and on one handed out again by the connection pool.
/// </summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private const int Normal = 1;
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private readonly SqlitePragmas _pragmas = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task EveryOpenedConnectionSynchronisesNormally()
    {
        (await SynchronousAsync()).Should().Be(Normal, "a new native connection is configured");
        (await SynchronousAsync()).Should().Be(Normal, "a pooled native connection keeps its setting");

        SqliteConnection.ClearAllPools();

        (await SynchronousAsync()).Should().Be(Normal, "the native connection after the pool was emptied is configured too");
    }

    private async Task<long> SynchronousAsync()
    {
        var options = new DbContextOptionsBuilder<MiniOAuthDb>().UseSqlite(_database.ConnectionString).AddInterceptors(_pragmas).Options;
        await using var db = new MiniOAuthDb(options);
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
