// Not needed to understand the protocol: one SQLite setting (synchronous=NORMAL under WAL), made once
// per native connection instead of on every open.
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MiniOAuth.Server.Fast;

/// <summary>
/// With WAL, <c>synchronous=NORMAL</c> keeps the database consistent after a crash; a power cut may
/// lose the last transactions, never corrupt the file. The setting belongs to the native connection,
/// which Microsoft.Data.Sqlite pools and hands out again on the next open, so it is set once per
/// native connection rather than on every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }

        if (handle is not null)
        {
            _configured.TryAdd(handle, Configured);
        }
    }
}
