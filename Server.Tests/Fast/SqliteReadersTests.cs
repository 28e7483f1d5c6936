using Microsoft.Data.Sqlite;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Fast;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Fast;

/// <summary>The connections that keep SQLite statements prepared answer each query with its own rows, and fresh ones.</summary>
public sealed class SqliteReadersTests : IDisposable
{
    private const string ById = "SELECT \"Name\" FROM \"Items\" WHERE \"Id\" = @id";
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private readonly SqliteReaders _readers;

    public SqliteReadersTests()
    {
        _readers = new SqliteReaders(_database.ConnectionString);
        Execute("CREATE TABLE \"Items\" (\"Id\" TEXT PRIMARY KEY, \"Name\" TEXT NOT NULL);");
        for (var i = 0; i < 50; i++)
        {
            Execute($"INSERT INTO \"Items\" VALUES ('id{i}', 'name{i}');");
        }
    }

    public void Dispose()
    {
        _readers.Dispose();
        _database.Dispose();
    }

    private string? NameOf(string id) => _readers.QuerySingle(ById, [("id", id)], row => row.GetString(0));

    [Fact]
    public async Task ParallelQueriesEachGetTheirOwnRow()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"id{i % 50}").ToArray();

        var names = await Task.WhenAll(ids.Select(id => Task.Run(() => NameOf(id))));

        names.Should().Equal(ids.Select(id => id.Replace("id", "name")));
    }

    [Fact]
    public void AWriteByAnotherConnectionAfterAReadIsSeen()
    {
        NameOf("id1").Should().Be("name1");

        Execute("UPDATE \"Items\" SET \"Name\" = 'changed' WHERE \"Id\" = 'id1';");
        Execute("DELETE FROM \"Items\" WHERE \"Id\" = 'id2';");

        NameOf("id1").Should().Be("changed");
        NameOf("id2").Should().BeNull();
    }

    [Fact]
    public void AfterDisposeNoQueryRuns()
    {
        NameOf("id1");

        _readers.Dispose();

        FluentActions.Invoking(() => NameOf("id1")).Should().Throw<ObjectDisposedException>();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
