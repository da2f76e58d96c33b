using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>A cancelled token stops the statement on the server, not only the wait on the client.</summary>
public sealed class CancellationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Cancelling_a_blocked_query_cancels_it_on_the_server()
    {
        // Another session holds an exclusive lock, so our SELECT blocks inside PostgreSQL until cancelled.
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        // pg_stat_activity is a snapshot per transaction, so it is watched from a third session.
        await using var observer = new NpgsqlConnection(fixture.ConnectionString);
        await observer.OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var query = fixture.Db.Users.Where(u => u.Email == "blocked@x.io").ToListAsync(cancellation.Token);

        // Wait until PostgreSQL reports our SELECT waiting for the lock, so the test sees a server-side wait.
        var waiting = 0L;
        for (var i = 0; i < 200 && waiting == 0; i++)
        {
            waiting = await CountWaitingAsync(observer);
            if (waiting == 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(1L, waiting);
        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the query should stop when cancelled, not when the lock is released");

        // The server no longer runs it although the lock is still held.
        var stillWaiting = 1L;
        for (var i = 0; i < 100 && stillWaiting != 0; i++)
        {
            stillWaiting = await CountWaitingAsync(observer);
            if (stillWaiting != 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(0L, stillWaiting);
        await transaction.RollbackAsync();
    }

    private static async Task<long> CountWaitingAsync(NpgsqlConnection connection)
    {
        await using var check = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%\"Email\" = $1%'",
            connection);
        return (long)(await check.ExecuteScalarAsync())!;
    }
}
