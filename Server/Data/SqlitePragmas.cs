using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MiniOAuth.Server.Data;

/// <summary>
/// With WAL, <c>synchronous=NORMAL</c> keeps the database consistent after a crash; a power cut may
/// lose the last transactions, never corrupt the file. Set on every new connection.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
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
