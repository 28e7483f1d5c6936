using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using Npgsql;

namespace MiniOAuth.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test server, or for several instances of one. A SQLite file by
/// default; with <c>MINIOAUTH_TEST_PROVIDER=Postgres</c> a PostgreSQL database with a random name on
/// the server of <c>MINIOAUTH_TEST_POSTGRES</c> (an Npgsql connection string; the database it names
/// is only used to drop the test databases). The server creates its database at start-up; disposing
/// this deletes it.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "MINIOAUTH_TEST_PROVIDER";
    public const string PostgresVariable = "MINIOAUTH_TEST_POSTGRES";
    public const string RequirePostgresVariable = "MINIOAUTH_REQUIRE_POSTGRES";

    private TestDatabase(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as <c>Database:Provider</c> takes it.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server of the tests, or null when none is configured.</summary>
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    /// <summary>CI sets <c>MINIOAUTH_REQUIRE_POSTGRES=1</c>: tests that need PostgreSQL then fail instead of skipping.</summary>
    public static bool PostgresRequired => Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1";

    /// <summary>The server settings that select this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    /// <summary>Points <paramref name="options"/> at this database, as the server's own configuration does.</summary>
    public DbContextOptionsBuilder<MiniOAuthDb> Configure(DbContextOptionsBuilder<MiniOAuthDb> options) =>
        Provider == "Sqlite" ? options.UseSqlite(ConnectionString) : options.UseNpgsql(ConnectionString);

    /// <summary>The provider the suite runs on: <c>MINIOAUTH_TEST_PROVIDER</c>, SQLite when unset.</summary>
    public static TestDatabase Create() =>
        Environment.GetEnvironmentVariable(ProviderVariable) switch
        {
            null or "" or "Sqlite" => CreateSqlite(),
            "Postgres" => CreatePostgres(),
            var other => throw new InvalidOperationException($"{ProviderVariable}={other}: use Sqlite or Postgres."),
        };

    public static TestDatabase CreateSqlite() =>
        new("Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"minioauth-test-{Guid.NewGuid():N}.db")}");

    public static TestDatabase CreatePostgres()
    {
        var server = PostgresServer ?? throw new InvalidOperationException(
            $"These tests need PostgreSQL: set {PostgresVariable} to an Npgsql connection string, "
            + "e.g. Host=127.0.0.1;Port=5432;Database=postgres;Username=minioauth;Password=…");
        var database = new NpgsqlConnectionStringBuilder(server) { Database = $"minioauth_test_{Guid.NewGuid():N}" };
        return new TestDatabase("Postgres", database.ConnectionString);
    }

    public void Dispose()
    {
        if (Provider == "Sqlite")
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }

            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        using var server = new NpgsqlConnection(PostgresServer);
        server.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
        drop.ExecuteNonQuery();
    }
}

/// <summary>
/// A test that needs a PostgreSQL server: skipped, with the reason, when <c>MINIOAUTH_TEST_POSTGRES</c>
/// is unset, unless <c>MINIOAUTH_REQUIRE_POSTGRES=1</c>, which makes it run and fail.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresServer is null && !TestDatabase.PostgresRequired)
        {
            Skip = $"Needs PostgreSQL: set {TestDatabase.PostgresVariable} to an Npgsql connection string "
                + $"(and {TestDatabase.RequirePostgresVariable}=1 to fail instead of skipping).";
        }
    }
}
