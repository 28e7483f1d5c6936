using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Fast;
using MiniOAuth.Tests.Infrastructure;
using ClientEntity = MiniOAuth.Server.Data.Entities.Client;

namespace MiniOAuth.Tests.Fast;

/// <summary>
/// The hand-written SQL of the hot paths reads what EF Core wrote, on the suite's provider (SQLite or
/// PostgreSQL), and sees what the caller's own transaction wrote.
/// </summary>
public sealed class HotQueriesTests : IDisposable
{
    private readonly MiniOAuthApplication _app = new();

    public HotQueriesTests() => _app.CreateClient(); // starts the server: the database is migrated and seeded

    public void Dispose() => _app.Dispose();

    private HotQueries Queries => _app.Services.GetRequiredService<HotQueries>();

    [Fact]
    public async Task AClientReadsBackAsEfCoreStoredIt()
    {
        var (stored, read) = await _app.WithDbAsync(async db =>
            (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == Demo.ClientId), await Queries.ClientById(db, Demo.ClientId)));

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
            return await Queries.ClientById(db, "uncommitted");
        });

        found.Should().NotBeNull();
        found!.RedirectUris.Should().Equal("http://localhost/cb");
    }

    [Fact]
    public async Task AnUnknownOrNulIdentifierFindsNothing()
    {
        var (unknown, nul) = await _app.WithDbAsync(async db =>
            (await Queries.ClientById(db, "no-such-client"), await Queries.ClientById(db, Demo.ClientId + "\0")));

        unknown.Should().BeNull();
        nul.Should().BeNull();
    }

    [Fact]
    public async Task AChangeCommittedAfterAReadIsSeenByTheNextRead()
    {
        await _app.WithDbAsync(db => Queries.ClientById(db, Demo.ClientId));
        await _app.WithDbAsync(db => db.Clients.Where(c => c.Id == Demo.ClientId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Name, "Renamed")));
        var afterRename = await _app.WithDbAsync(db => Queries.ClientById(db, Demo.ClientId));
        await _app.WithDbAsync(db => db.Clients.Where(c => c.Id == Demo.ClientId).ExecuteDeleteAsync());

        var afterDelete = await _app.WithDbAsync(db => Queries.ClientById(db, Demo.ClientId));

        afterRename!.Name.Should().Be("Renamed");
        afterDelete.Should().BeNull();
    }
}
