// Not needed to understand the protocol: three lookups in plain SQL for speed. Each shows the LINQ
// it replaces, which is what the protocol code means; the gains are from bench/README.md.
using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Fast;

/// <summary>
/// The three queries behind every client authentication and every Bearer request, written in SQL and
/// run with plain ADO.NET: on SQLite with statements kept prepared (<see cref="SqliteReaders"/>), on
/// PostgreSQL on a pooled connection of their own. Through EF Core, even compiled, the work around
/// each query (connection, command, parameters, materializer) cost more than the query itself
/// (bench/README.md, "What the profile shows"); everything else goes through EF.
/// The SQL is the same on SQLite and PostgreSQL: quoted names, <c>NOT</c> on booleans, <c>EXISTS</c>.
/// The test suite runs on both providers, so a column renamed in the model and not here fails there.
/// </summary>
internal sealed class HotQueries(SqliteReaders? sqlite) : IDisposable
{
    private const string ClientColumns =
        """c."Id", c."Name", c."IsConfidential", c."SecretHash", c."ApiKeyHash", c."RedirectUris", c."AllowedGrants", c."AllowedScopes", c."RequirePkce", c."CreatedAt", c."IsResourceServer" """;

    private const string UserColumns =
        """u."Id", u."Username", u."NormalizedUsername", u."Name", u."Email", u."PasswordHash", u."Roles", u."IsDisabled", u."CreatedAt" """;

    /// <summary>
    /// The registered client with this id, read-only; behind every client authentication (W1, W2). As LINQ:
    /// <code>db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id)</code>
    /// Gain: W1 0.114 -> 0.091 ms per request with the other two queries (EF Core's compiled query to
    /// SQL), then 0.058 -> 0.051 ms with the statements kept prepared.
    /// </summary>
    public Task<Client?> ClientById(MiniOAuthDb db, string id, CancellationToken ct = default) =>
        QuerySingleAsync(db, $"""SELECT {ClientColumns} FROM "Clients" AS c WHERE c."Id" = @id""",
            [("id", id)], ReadClient, ct);

    /// <summary>
    /// The user of a live user token: not disabled; the token's grant is this user's with this client,
    /// not revoked and its family not expired; the token not revoked. As LINQ:
    /// <code>
    /// db.Users.Where(u => u.Id == userId &amp;&amp; !u.IsDisabled
    ///     &amp;&amp; db.Grants.Any(g => g.Id == grantId &amp;&amp; g.UserId == userId &amp;&amp; g.ClientId == clientId
    ///         &amp;&amp; g.RevokedAt == null &amp;&amp; g.ExpiresAt > now)
    ///     &amp;&amp; !db.RevokedAccessTokens.Any(r => r.Jti == jti))
    /// </code>
    /// Gain: moved to SQL with the other two (bench/README.md, step 1); W3 (userinfo) was measured only
    /// as a whole afterwards.
    /// </summary>
    public Task<User?> LiveUser(
        MiniOAuthDb db, string userId, string clientId, string grantId, string jti, DateTime now, CancellationToken ct = default) =>
        QuerySingleAsync(db, $"""
            SELECT {UserColumns} FROM "Users" AS u
            WHERE u."Id" = @user AND NOT u."IsDisabled"
              AND EXISTS (SELECT 1 FROM "Grants" AS g WHERE g."Id" = @grant AND g."UserId" = @user AND g."ClientId" = @client
                          AND g."RevokedAt" IS NULL AND g."ExpiresAt" > @now)
              AND NOT EXISTS (SELECT 1 FROM "RevokedAccessTokens" AS r WHERE r."Jti" = @jti)
            """, [("user", userId), ("client", clientId), ("grant", grantId), ("jti", jti), ("now", now)], ReadUser, ct);

    /// <summary>
    /// Whether a client-credentials token is live: its client exists and the token is not revoked. As LINQ:
    /// <code>
    /// db.Clients.AnyAsync(c => c.Id == clientId &amp;&amp; !db.RevokedAccessTokens.Any(r => r.Jti == jti))
    /// </code>
    /// Gain: W2 (introspection) 0.082 -> 0.044 ms per request with the client lookup, then 0.043 -> 0.032 ms
    /// with the statements kept prepared.
    /// </summary>
    public Task<bool> LiveClientToken(MiniOAuthDb db, string clientId, string jti, CancellationToken ct = default) =>
        QuerySingleAsync(db, """
            SELECT 1 FROM "Clients" AS c
            WHERE c."Id" = @client
              AND NOT EXISTS (SELECT 1 FROM "RevokedAccessTokens" AS r WHERE r."Jti" = @jti)
            """, [("client", clientId), ("jti", jti)], _ => true, ct);

    public void Dispose() => sqlite?.Dispose();

    /// <summary>The first row read by <paramref name="read"/>, or the default (null, false) when there is none.</summary>
    private async Task<T?> QuerySingleAsync<T>(
        MiniOAuthDb db, string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read, CancellationToken ct)
    {
        // No stored identifier holds a NUL (PostgreSQL text cannot), so such a value matches nothing.
        if (parameters.Any(p => p.Value is string s && s.Contains('\0')))
        {
            return default;
        }

        // Inside a transaction the query must run on the context's connection, already open. Otherwise it
        // runs on a connection of its own: opening the context's connection would also restore, and
        // closing it undo, what EF Core set up on it (on SQLite, its SQL functions).
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (transaction is null && sqlite is not null && sqlite.ConnectionString == db.Database.GetConnectionString())
        {
            return sqlite.QuerySingle(sql, parameters, read);
        }

        await using var own = transaction is null ? NewConnection(db) : null;
        var connection = own ?? transaction!.Connection!;
        if (own is not null)
        {
            await own.OpenAsync(ct);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        return await reader.ReadAsync(ct) ? read(reader) : default;
    }

    private static DbConnection NewConnection(MiniOAuthDb db)
    {
        var connection = DbProviderFactories.GetFactory(db.Database.GetDbConnection())?.CreateConnection()
            ?? throw new InvalidOperationException("The database provider cannot create connections.");
        connection.ConnectionString = db.Database.GetConnectionString();
        return connection;
    }

    private static Client ReadClient(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Name = row.GetString(1),
        IsConfidential = row.GetBoolean(2),
        SecretHash = row.IsDBNull(3) ? null : (byte[])row[3],
        ApiKeyHash = row.IsDBNull(4) ? null : (byte[])row[4],
        RedirectUris = ReadList(row, 5),
        AllowedGrants = ReadList(row, 6),
        AllowedScopes = ReadList(row, 7),
        RequirePkce = row.GetBoolean(8),
        CreatedAt = row.GetDateTime(9),
        IsResourceServer = row.GetBoolean(10),
    };

    private static User ReadUser(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Username = row.GetString(1),
        NormalizedUsername = row.GetString(2),
        Name = row.GetString(3),
        Email = row.GetString(4),
        PasswordHash = row.GetString(5),
        Roles = ReadList(row, 6),
        IsDisabled = row.GetBoolean(7),
        CreatedAt = row.GetDateTime(8),
    };

    /// <summary>A list of strings as EF Core stores it: a JSON array on SQLite, a <c>text[]</c> on PostgreSQL.</summary>
    private static List<string> ReadList(DbDataReader row, int ordinal) => row[ordinal] switch
    {
        string[] array => [.. array],
        string json => JsonSerializer.Deserialize(json, HotQueriesJson.Default.ListString) ?? [],
        var other => throw new InvalidDataException($"Column {row.GetName(ordinal)} holds a {other.GetType().Name}, not a list of strings."),
    };
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class HotQueriesJson : System.Text.Json.Serialization.JsonSerializerContext;
