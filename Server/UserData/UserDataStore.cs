using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.UserData;

internal enum WriteOutcome
{
    Written,
    PreconditionFailed,
    Rejected,
    Contended,
}

/// <summary>What a write did: the object now stored, or why nothing was written.</summary>
internal sealed record WriteResult(WriteOutcome Outcome, StoredObject? Stored = null, JsonCheck? Rejection = null);

/// <summary>
/// The JSON objects clients keep per user. Every write is optimistic: read the row and its version,
/// compute the new object, then write only if the version is still the one read; when another write got
/// there first, start again from the new version. No write is lost, with or without If-Match.
/// </summary>
internal sealed class UserDataStore(MiniOAuthDb db, IOptions<UserDataOptions> options)
{
    // Each round lets at least one contender through, so this outlasts dozens of simultaneous writers.
    private const int MaxAttempts = 64;

    public async Task<StoredObject> GetAsync(UserDataOwner owner, CancellationToken ct = default) => (await ReadAsync(owner, ct)).Current;

    /// <summary>Stores <c>change(current)</c> when the preconditions hold and the result passes the JSON rules.</summary>
    public Task<WriteResult> WriteAsync(
        UserDataOwner owner, Func<JsonObject, JsonObject> change, Preconditions preconditions, CancellationToken ct = default) =>
        RetryAsync(owner, preconditions, async (current, version) =>
        {
            var json = JsonObjectRules.Serialize(change(JsonObjectRules.Parse(current.Json)));
            var check = JsonObjectRules.Check(Encoding.UTF8.GetBytes(json), options.Value.MaxBytes, options.Value.MaxDepth);
            if (!check.IsValid)
            {
                return new WriteResult(WriteOutcome.Rejected, Rejection: check);
            }

            var written = version is { } v ? await UpdateAsync(owner, json, v, ct) : await InsertAsync(owner, json, ct);
            return written ? new WriteResult(WriteOutcome.Written, new StoredObject(json, Exists: true)) : null;
        }, ct);

    /// <summary>Removes the object when the preconditions hold; afterwards a read gives <c>{}</c>.</summary>
    public Task<WriteResult> ClearAsync(UserDataOwner owner, Preconditions preconditions, CancellationToken ct = default) =>
        RetryAsync(owner, preconditions, async (_, version) =>
            version is not { } v || await Entry(owner).Where(e => e.Version == v).ExecuteDeleteAsync(ct) == 1
                ? new WriteResult(WriteOutcome.Written, StoredObject.Empty)
                : null, ct);

    /// <summary>
    /// Deletes what a client keeps for one user, or for all its users when <paramref name="userId"/> is
    /// null: for when a user revokes the app or the client is deleted. Returns how many objects went.
    /// </summary>
    public Task<int> DeleteAsync(string clientId, string? userId = null, CancellationToken ct = default) =>
        db.UserData.Where(e => e.ClientId == clientId && (userId == null || e.UserId == userId)).ExecuteDeleteAsync(ct);

    /// <summary>
    /// The optimistic loop of every write: read the row and its version, check the preconditions, then
    /// let <paramref name="step"/> write; it gives null when another write got there first, and the loop reads again.
    /// </summary>
    private async Task<WriteResult> RetryAsync(
        UserDataOwner owner, Preconditions preconditions, Func<StoredObject, long?, Task<WriteResult?>> step, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (current, version) = await ReadAsync(owner, ct);
            if (!preconditions.AllowWrite(current))
            {
                return new(WriteOutcome.PreconditionFailed);
            }

            if (await step(current, version) is { } result)
            {
                return result;
            }

            await BackOffAsync(attempt, ct);
        }

        return new(WriteOutcome.Contended);
    }

    private IQueryable<UserDataEntry> Entry(UserDataOwner owner) =>
        db.UserData.AsNoTracking().Where(e => e.ClientId == owner.ClientId && e.UserId == owner.UserId);

    private async Task<(StoredObject Current, long? Version)> ReadAsync(UserDataOwner owner, CancellationToken ct)
    {
        var row = await Entry(owner).Select(e => new { e.Json, e.Version }).FirstOrDefaultAsync(ct);
        return row is null ? (StoredObject.Empty, null) : (new StoredObject(row.Json, Exists: true), row.Version);
    }

    private async Task<bool> UpdateAsync(UserDataOwner owner, string json, long version, CancellationToken ct) =>
        await Entry(owner).Where(e => e.Version == version)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Json, json).SetProperty(e => e.Version, version + 1), ct) == 1;

    // An insert that yields to a concurrent one instead of failing, so that the loop simply reads again.
    private async Task<bool> InsertAsync(UserDataOwner owner, string json, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "UserData" ("ClientId", "UserId", "Json", "Version") VALUES ({owner.ClientId}, {owner.UserId}, {json}, 1) ON CONFLICT DO NOTHING""",
            ct) == 1;

    // A short random pause spreads out writers that keep colliding. Real time on purpose: the injected
    // TimeProvider dates tokens, and a test's frozen clock must not stall a retry.
    private static Task BackOffAsync(int attempt, CancellationToken ct) =>
        Task.Delay(Random.Shared.Next(1, 2 + Math.Min(attempt, 10) * 2), ct);
}
