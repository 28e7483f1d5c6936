// Not needed to understand the protocol: pooled SQLite connections that keep HotQueries' statements
// prepared (W1 0.058 -> 0.051 ms per request, W2 0.043 -> 0.032 ms; bench/README.md).
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MiniOAuth.Server.Fast;

/// <summary>
/// Open SQLite connections that keep the hot queries prepared from one request to the next.
/// Microsoft.Data.Sqlite parses a command's SQL again for each new command, and closing a connection
/// finalizes its statements; that parsing was half of SQLite's time on a token request
/// (bench/README.md). A connection serves one query at a time. Each query is its own read
/// transaction, so it sees every write committed before it began, by this process or another.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IDisposable
{
    // Queries run synchronously (SQLite has no asynchronous I/O), so about one connection per busy thread is used.
    private static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly ConcurrentBag<Reader> _idle = [];

    // Kept beside the bag because ConcurrentBag.Count locks every thread's list to count them.
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>The database these connections read.</summary>
    public string ConnectionString => connectionString;

    /// <summary>The first row read by <paramref name="read"/>, or the default (null, false) when there is none.</summary>
    public T? QuerySingle<T>(string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Take();
        T? result;
        try
        {
            result = reader.QuerySingle(sql, parameters, read);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        Return(reader);
        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private Reader Take()
    {
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new Reader(connectionString);
    }

    private void Return(Reader reader)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
        if (_disposed)
        {
            CloseIdle(); // Dispose ran between the check above and the Add.
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    /// <summary>One open connection and the commands prepared on it, by their SQL.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = [];

        public Reader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public T? QuerySingle<T>(string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, _) in parameters)
                {
                    command.Parameters.Add(name, SqliteType.Text);
                }

                command.Prepare();
                _commands[sql] = command;
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value;
            }

            // Disposing the reader resets the statement, which ends its read transaction.
            using var rows = command.ExecuteReader(CommandBehavior.SingleRow);
            return rows.Read() ? read(rows) : default;
        }

        // Closing the connection finalizes its prepared statements.
        public void Dispose() => _connection.Dispose();
    }
}
