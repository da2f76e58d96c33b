using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Provider.Tests.Transactions;

/// <summary>
/// A transaction's statements take the connection synchronously when it is free and release it without an async
/// step unless the timeout fired; MaxWait's token source is reused while the pool answers at once. These check that
/// the later statements of a transaction (after that fast path ran) are still cancelled on the server by the timeout
/// and by the caller's token, roll the transaction back, and that concurrent statements still queue.
/// </summary>
public sealed class TransactionStatementPathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"sp-{Guid.NewGuid():N}@x.io";

    [Fact]
    public async Task A_timeout_during_the_second_statement_cancels_it_on_the_server_and_rolls_back_the_first()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 100 });
        const string marker = "sp_timeout_second_statement";
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TransactionTimeoutException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            Assert.Equal(1, await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Decrement(40) }));
            await tx.ExecuteRawAsync($"SELECT pg_sleep(30) /* sp_timeout_second_statement */");
        }, new TransactionOptions { Timeout = TimeSpan.FromMilliseconds(600) }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}: the sleep was not cancelled on the server");
        Assert.Equal("P2028", error.Code);
        Assert.Equal(0L, await RunningAsync(marker));
        Assert.Equal(100m, await BalanceAsync(account.Id));

        // The client and the pool are fine afterwards: the next transaction commits.
        var after = await fixture.Db.TransactionAsync(async tx =>
            await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) }));
        Assert.Equal(1, after);
        Assert.Equal(101m, await BalanceAsync(account.Id));
    }

    [Fact]
    public async Task Cancelling_a_later_statement_of_a_transaction_cancels_it_on_the_server_and_rolls_back()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 50 });
        const string marker = "sp_cancel_later_statement";
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var transaction = fixture.Db.TransactionAsync(async tx =>
        {
            // The first statements without a token (the fast path), then one the caller cancels.
            Assert.Equal(1, await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(5) }));
            Assert.Equal(55m, (await tx.Accounts.FindUniqueAsync(a => a.Id == account.Id))!.Balance);
            await tx.ExecuteRawAsync($"SELECT pg_sleep(30) /* sp_cancel_later_statement */", cancellation.Token);
        }, new TransactionOptions { Timeout = TimeSpan.FromSeconds(60) });

        Assert.Equal(1L, await RunningAsync(marker, until: 1L));
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transaction);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(0L, await RunningAsync(marker));
        Assert.Equal(50m, await BalanceAsync(account.Id));
    }

    [Fact]
    public async Task A_token_cancelled_before_a_statement_stops_it_before_it_runs()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 7 });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) });
            await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) }, cancelled.Token);
        }));
        Assert.Equal(7m, await BalanceAsync(account.Id));
    }

    [Fact]
    public async Task Statements_started_together_in_one_transaction_queue_for_its_connection()
    {
        var accounts = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            accounts.Add((await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 10 })).Id);
        }

        // Unawaited together: all but one wait for the connection (the waiting path), then each runs in turn.
        var changed = await fixture.Db.TransactionAsync(async tx =>
        {
            var updates = accounts.Select(id => tx.Accounts.UpdateManyAsync(a => a.Id == id, new() { Balance = Op.Increment(id % 3) })).ToList();
            var reads = accounts.Select(id => tx.Accounts.FindUniqueAsync(a => a.Id == id)).ToList();
            var counts = await Task.WhenAll(updates);
            await Task.WhenAll(reads);
            return counts.Sum();
        });

        Assert.Equal(accounts.Count, changed);
        foreach (var id in accounts)
        {
            Assert.Equal(10m + id % 3, await BalanceAsync(id));
        }
    }

    [Fact]
    public async Task The_outer_client_is_refused_inside_and_usable_after_many_transactions_on_the_fast_path()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 0 });
        for (var i = 0; i < 20; i++)
        {
            await fixture.Db.TransactionAsync(async tx =>
                await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) }));
        }

        await Assert.ThrowsAsync<OuterClientInTransactionException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(100) });
            await fixture.Db.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1000) });
        }));

        // Outside any callback the outer client runs, and nothing of the refused transaction was kept.
        Assert.Equal(1, await fixture.Db.Accounts.UpdateManyAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) }));
        Assert.Equal(21m, await BalanceAsync(account.Id));
    }

    private async Task<decimal> BalanceAsync(int id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT \"Balance\" FROM \"Account\" WHERE \"Id\" = $1", connection);
        read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        return (decimal)(await read.ExecuteScalarAsync())!;
    }

    // Backends of this database running the statement whose text holds the marker (a comment only this test sends),
    // polled until the count is `until`.
    private async Task<long> RunningAsync(string marker, long until = 0L)
    {
        await using var observer = new NpgsqlConnection(fixture.ConnectionString);
        await observer.OpenAsync();
        var count = -1L;
        for (var i = 0; i < 200 && count != until; i++)
        {
            if (i > 0)
            {
                await Task.Delay(50);
            }

            // pg_stat_activity is a snapshot per transaction: each check is its own (autocommit) statement.
            await using var check = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1",
                observer);
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "%" + marker + "%" });
            count = (long)(await check.ExecuteScalarAsync())!;
        }

        return count;
    }
}
