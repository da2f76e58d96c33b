using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>A cancelled token stops a raw statement on the server, not only the wait on the client.</summary>
public sealed class RawCancellationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public Task Cancelling_a_blocked_raw_query_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-query", (marker, token) => fixture.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Email\" = {"blocked@x.io"} {Sql.RawUnsafe(marker)}", token));

    [Fact]
    public Task Cancelling_a_blocked_raw_statement_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-execute", (marker, token) => fixture.Db.ExecuteRawAsync($"UPDATE \"User\" SET \"Name\" = {"x"} WHERE \"Email\" = {"blocked@x.io"} {Sql.RawUnsafe(marker)}", token));

    [Fact]
    public Task Cancelling_a_blocked_unsafe_query_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-unsafe", (marker, token) => fixture.Db.QueryRawUnsafeAsync<int>("SELECT \"Id\" FROM \"User\" WHERE \"Email\" = $1 " + marker, token, "blocked@x.io"));

    private async Task CancelBlocked(string name, Func<string, CancellationToken, Task> run)
    {
        // Another session holds an exclusive lock, so the statement blocks inside PostgreSQL until cancelled.
        var marker = "/* " + name + " */";
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        await using var observer = new NpgsqlConnection(fixture.ConnectionString);
        await observer.OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var statement = run(marker, cancellation.Token);

        var waiting = 0L;
        for (var i = 0; i < 200 && waiting == 0; i++)
        {
            waiting = await CountWaitingAsync(observer, name);
            if (waiting == 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(1L, waiting);
        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statement);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the statement should stop when cancelled, not when the lock is released");

        var stillWaiting = 1L;
        for (var i = 0; i < 100 && stillWaiting != 0; i++)
        {
            stillWaiting = await CountWaitingAsync(observer, name);
            if (stillWaiting != 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(0L, stillWaiting);
        await transaction.RollbackAsync();
    }

    private static async Task<long> CountWaitingAsync(NpgsqlConnection connection, string name)
    {
        await using var check = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1", connection);
        check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "%/* " + name + " */%" });
        return (long)(await check.ExecuteScalarAsync())!;
    }
}
