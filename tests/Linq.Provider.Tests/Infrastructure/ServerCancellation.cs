using System.Diagnostics;
using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>Checks that cancelling a token stops a statement on the server, not only the wait on the client.</summary>
public static class ServerCancellation
{
    /// <summary>
    /// Locks "User" from another session, starts <paramref name="run"/>, waits until PostgreSQL reports one statement
    /// matching <paramref name="queryPattern"/> (LIKE) waiting for the lock, cancels, and asserts that the statement
    /// stops promptly and that the server no longer runs it although the lock is still held.
    /// </summary>
    public static async Task AssertCancelsOnServerAsync(string connectionString, string queryPattern, Func<CancellationToken, Task> run)
    {
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        // pg_stat_activity is a snapshot per transaction, so it is watched from a third session.
        await using var observer = new NpgsqlConnection(connectionString);
        await observer.OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var statement = run(cancellation.Token);

        Assert.Equal(1L, await PollAsync(observer, queryPattern, until: 1L, attempts: 200));
        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statement);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the statement should stop when cancelled, not when the lock is released");
        Assert.Equal(0L, await PollAsync(observer, queryPattern, until: 0L, attempts: 100));
        await transaction.RollbackAsync();
    }

    // How many statements matching the pattern wait for a lock, polled until it reaches `until` or the attempts run out.
    private static async Task<long> PollAsync(NpgsqlConnection observer, string queryPattern, long until, int attempts)
    {
        var count = -1L;
        for (var i = 0; i < attempts && count != until; i++)
        {
            if (i > 0)
            {
                await Task.Delay(50);
            }

            await using var check = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1", observer);
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queryPattern });
            count = (long)(await check.ExecuteScalarAsync())!;
        }

        return count;
    }
}
