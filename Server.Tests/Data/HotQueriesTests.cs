using Microsoft.EntityFrameworkCore;
using MiniOAuth.Server.Data;
using MiniOAuth.Tests.Infrastructure;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;

namespace MiniOAuth.Tests.Data;

/// <summary>
/// The hand-written SQL of the hot paths reads what EF Core wrote, on the suite's provider (SQLite or
/// PostgreSQL), and sees what the caller's own transaction wrote.
/// </summary>
public sealed class HotQueriesTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public HotQueriesTests() => _app.CreateClient(); // starts the server: the database is migrated and seeded

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AClientReadsBackAsEfCoreStoredIt()
    {
        var (stored, read) = await _app.WithDbAsync(async db =>
            (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == Demo.ClientId), await HotQueries.ClientById(db, Demo.ClientId)));

        read.Should().BeEquivalentTo(stored);
    }

    [Fact]
    public async Task InsideATransactionItsUncommittedRowsAreSeen()
    {
        var found = await _app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Clients.Add(new ClientEntity
            {
                Id = "uncommitted", Name = "Uncommitted", RedirectUris = ["http://localhost/cb"],
                AllowedGrants = ["authorization_code"], AllowedScopes = ["profile"],
            });
            await db.SaveChangesAsync();
            return await HotQueries.ClientById(db, "uncommitted");
        });

        found.Should().NotBeNull();
        found!.RedirectUris.Should().Equal("http://localhost/cb");
    }

    [Fact]
    public async Task AnUnknownOrNulIdentifierFindsNothing()
    {
        var (unknown, nul) = await _app.WithDbAsync(async db =>
            (await HotQueries.ClientById(db, "no-such-client"), await HotQueries.ClientById(db, Demo.ClientId + "\0")));

        unknown.Should().BeNull();
        nul.Should().BeNull();
    }
}
