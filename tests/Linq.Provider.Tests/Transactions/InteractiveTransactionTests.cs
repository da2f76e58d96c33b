using System.Data;
using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Transactions;

/// <summary>db.TransactionAsync(async tx => …): commit, rollback, savepoints, timeout, max wait and the outer-client guard.</summary>
public sealed class InteractiveTransactionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"t-{Guid.NewGuid():N}@x.io";

    [Fact]
    public async Task Commits_when_the_callback_returns_and_rolls_back_when_it_throws()
    {
        var kept = NewEmail();
        var id = await fixture.Db.TransactionAsync(async tx =>
        {
            var user = await tx.Users.CreateAsync(new() { Email = kept, Posts = new() { Create = [new() { Title = "in tx" }] } });
            await tx.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = "named" });
            Assert.Equal(1, await tx.Posts.CountAsync(p => p.AuthorId == user.Id)); // the transaction sees its own writes
            return user.Id;
        });
        Assert.Equal("named", (await fixture.Db.Users.FindUniqueAsync(u => u.Id == id))!.Name);

        var dropped = NewEmail();
        var thrown = new InvalidOperationException("business rule");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(new() { Email = dropped });
            await tx.Users.CreateManyAsync(Enumerable.Range(0, 1200).Select(i => new UserCreateInput { Email = $"{dropped}-{i}" })); // COPY inside the transaction
            throw thrown;
        }));
        Assert.Same(thrown, error);
        Assert.Equal(0, await fixture.Db.Users.CountAsync(u => u.Email.StartsWith(dropped)));
    }

    [Fact]
    public async Task The_client_of_a_finished_transaction_cannot_be_used()
    {
        TestDb? leaked = null;
        await fixture.Db.TransactionAsync(async tx =>
        {
            leaked = tx;
            await tx.Users.CountAsync();
        });
        var error = await Assert.ThrowsAsync<TransactionTimeoutException>(() => leaked!.Users.CountAsync());
        Assert.Equal("P2028", error.Code);
    }

    [Fact]
    public async Task Nested_transactions_are_savepoints()
    {
        var (a, b, c) = (NewEmail(), NewEmail(), NewEmail());
        await fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(new() { Email = a });
            await Assert.ThrowsAsync<TimeoutException>(() => tx.TransactionAsync(async inner =>
            {
                await inner.Users.CreateAsync(new() { Email = b });
                throw new TimeoutException("undo only the inner part");
            }));
            var inner = await tx.TransactionAsync(async inner => (await inner.Users.CreateAsync(new() { Email = c })).Email);
            Assert.Equal(c, inner);
        });
        Assert.NotNull(await fixture.Db.Users.FindUniqueAsync(u => u.Email == a));
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == b));
        Assert.NotNull(await fixture.Db.Users.FindUniqueAsync(u => u.Email == c));

        // A failed nested write inside a transaction undoes only itself (its own savepoint): the transaction goes on.
        var d = NewEmail();
        await fixture.Db.TransactionAsync(async tx =>
        {
            var user = await tx.Users.CreateAsync(new() { Email = d });
            await Assert.ThrowsAsync<RecordNotFoundException>(() => tx.Users.UpdateAsync(u => u.Id == user.Id, new()
            {
                Name = "not kept",
                Posts = new() { Create = [new() { Title = "not kept" }], Delete = [p => p.Id == -1] },
            }));
            Assert.Equal(0, await tx.Posts.CountAsync(p => p.AuthorId == user.Id));
            await tx.Users.UpdateAsync(u => u.Email == d, new() { Name = "still usable" });
        });
        Assert.Equal("still usable", (await fixture.Db.Users.FindUniqueAsync(u => u.Email == d))!.Name);

        // A failed single statement aborts the transaction, as in PostgreSQL: the next one says so, and nothing is committed.
        var e = NewEmail();
        var aborted = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(new() { Email = e });
            await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => tx.Users.CreateAsync(new() { Email = e }));
            await tx.Users.CountAsync();
        }));
        Assert.Contains("aborted", aborted.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == e));
    }

    [Fact]
    public async Task Using_the_outer_client_inside_the_callback_is_refused()
    {
        var email = NewEmail();
        var error = await Assert.ThrowsAsync<OuterClientInTransactionException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(new() { Email = email });
            await fixture.Db.Users.CountAsync(); // the classic mistake: runs outside the transaction
        }));
        Assert.Contains("SELECT", error.Operation, StringComparison.Ordinal);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == email));

        // Lowered to a warning, the statement runs (outside the transaction).
        await using var lenient = new TestDb(new LinqDatabaseOptions { OuterClientInTransaction = OuterClientUse.Warn }.UseNpgsql(fixture.ConnectionString));
        var counted = await lenient.TransactionAsync(async tx => await lenient.Users.CountAsync(u => u.Email == email));
        Assert.Equal(0, counted);
    }

    [Fact]
    public async Task A_timeout_rolls_back_at_once_while_the_callback_still_runs()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 100 });
        var written = new TaskCompletionSource();
        var resume = new TaskCompletionSource();
        var transaction = fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Decrement(50) }); // holds the row lock
            written.SetResult();
            await resume.Task; // the callback is still running when the timeout fires
            await tx.Accounts.CountAsync();
        }, new TransactionOptions { Timeout = TimeSpan.FromMilliseconds(400) });

        await written.Task;
        await Task.Delay(800);
        // The lock is gone and the write undone although the callback has not returned: this update would block otherwise.
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var updated = await fixture.Db.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) }, quick.Token);
        Assert.Equal(101, updated.Balance);

        resume.SetResult();
        var error = await Assert.ThrowsAsync<TransactionTimeoutException>(() => transaction);
        Assert.Equal("P2028", error.Code);
        Assert.Equal(101, (await fixture.Db.Accounts.FindUniqueAsync(a => a.Id == account.Id))!.Balance);
    }

    [Fact]
    public async Task A_timeout_cancels_the_running_statement_on_the_server()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = NewEmail(), Balance = 10 });
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        await using var lockTx = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM \"Account\" WHERE \"Id\" = {account.Id} FOR UPDATE", blocker, lockTx))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TransactionTimeoutException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            // Blocks on the row lock until the timeout cancels it on the server.
            await tx.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(1) });
        }, new TransactionOptions { Timeout = TimeSpan.FromMilliseconds(500) }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("P2028", error.Code);
        await lockTx.RollbackAsync();
        Assert.Equal(10, (await fixture.Db.Accounts.FindUniqueAsync(a => a.Id == account.Id))!.Balance);
    }

    [Fact]
    public async Task MaxWait_bounds_the_wait_for_a_pooled_connection()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { MaxPoolSize = 2 };
        await using var small = new TestDb(builder.ConnectionString);
        var options = new TransactionOptions { MaxWait = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromSeconds(60) };

        // Both pooled connections are opened first, so the holders do not race a slow physical connect against MaxWait.
        await using (var first = await small.DataSource.OpenConnectionAsync())
        await using (var second = await small.DataSource.OpenConnectionAsync())
        {
        }

        // Two transactions take both connections and hold them until every waiter has finished: with no fixed delay,
        // a waiter can only finish by timing out, however slowly a loaded machine runs its timers.
        var holding = new TaskCompletionSource();
        var inside = 0;
        var bothInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holders = Enumerable.Range(0, 2).Select(_ => small.TransactionAsync(async tx =>
        {
            await tx.Users.CountAsync();
            if (Interlocked.Increment(ref inside) == 2)
            {
                bothInside.SetResult();
            }

            await holding.Task;
        }, options)).ToList();
        await bothInside.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var waiters = Enumerable.Range(0, 8).Select(async _ =>
        {
            var started = Stopwatch.StartNew();
            try
            {
                await small.TransactionAsync(async tx => await tx.Users.CountAsync(), options);
                return ("ok", started.Elapsed);
            }
            catch (PoolTimeoutException error)
            {
                return (error.Code, started.Elapsed);
            }
        }).ToList();
        var outcomes = await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(30));
        holding.SetResult();
        await Task.WhenAll(holders);

        Assert.All(outcomes, o => Assert.Equal("P2024", o.Item1));
        Assert.All(outcomes, o => Assert.True(o.Item2 >= TimeSpan.FromMilliseconds(250), $"gave up after {o.Item2.TotalMilliseconds} ms, before MaxWait"));

        // The connections went back: a transaction after them gets one.
        Assert.True(await small.TransactionAsync(async tx => await tx.Users.CountAsync() >= 0, options));
    }

    [Fact]
    public async Task Raw_sql_runs_inside_the_transaction()
    {
        var email = NewEmail();
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            Assert.Equal(1, await tx.ExecuteRawAsync($"INSERT INTO \"User\" (\"Email\", \"Name\") VALUES ({email}, {"raw"})"));
            var seen = await tx.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Email\" = {email}");
            Assert.Equal("raw", Assert.Single(seen).Name);
            Assert.Equal(1, await tx.Users.CountAsync(u => u.Email == email)); // LINQ and raw SQL share the connection
            throw new InvalidOperationException("roll back the raw insert");
        }));
        Assert.Empty(await fixture.Db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Email\" = {email}"));

        // The outer client's raw SQL inside the callback is the same mistake as its LINQ.
        await Assert.ThrowsAsync<OuterClientInTransactionException>(() => fixture.Db.TransactionAsync(async tx =>
            await fixture.Db.ExecuteRawAsync($"DELETE FROM \"User\" WHERE \"Email\" = {email}")));
    }
}
