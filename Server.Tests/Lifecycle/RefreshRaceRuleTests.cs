using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Token;
using MiniOAuth.Server.Token.Grants;
using MiniOAuth.Tests.Infrastructure;

namespace MiniOAuth.Tests.Lifecycle;

/// <summary>
/// The worst interleaving, forced rather than hoped for: every racer has read the refresh token as
/// unused before any of them may write. Only the conditional update can then keep the token single-use.
/// </summary>
public sealed class RefreshRaceRuleTests : IDisposable
{
    private const int Racers = 20;
    private readonly GrantRunner _grants = new();


    public void Dispose() => _grants.Dispose();

    [Fact]
    public async Task WhenEveryRacerReadsTheTokenBeforeAnyWritesExactlyOneRotationWins()
    {
        var tokens = await _grants.SignInAsync();
        var interceptor = new AllReadBeforeAnyWrites(Racers);

        var results = await Racing.RunAsync(Racers, () => RefreshAsync(interceptor, tokens.RefreshToken!));

        results.Count(r => r.Tokens is not null).Should().Be(1);
        results.Where(r => r.Error is not null).Select(r => r.Error!.Error).Should().HaveCount(Racers - 1).And.AllBe("invalid_grant");
        var winner = results.Single(r => r.Tokens is not null).Tokens!;
        (await _grants.IsLiveAsync(winner.AccessToken)).Should().BeFalse("the losers count as reuse and end the family");
    }

    private async Task<GrantResult> RefreshAsync(AllReadBeforeAnyWrites interceptor, string refreshToken)
    {
        await using var db = _grants.NewDb(interceptor);
        var client = await GrantRunner.ClientAsync(db, Demo.ClientId);
        return await _grants.RefreshGrant(db).HandleAsync(new TokenRequest("refresh_token", null, null, null, refreshToken, null), client, CancellationToken.None);
    }

    /// <summary>Holds every racer at the start of its write transaction until all of them are there.</summary>
    private sealed class AllReadBeforeAnyWrites(int racers) : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource _allThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _arrived) == racers)
            {
                _allThere.SetResult();
            }

            await _allThere.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return result;
        }
    }
}
