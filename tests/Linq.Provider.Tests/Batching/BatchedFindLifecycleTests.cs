using Blog.Model;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Querying.Batching;
using Npgsql;

namespace Linq.Provider.Tests.Batching;

/// <summary>
/// <see cref="LinqDatabaseOptions.BatchFinds"/> under cancellation, failure and transactions: a caller's token cancels
/// its own wait (queued or sent), a sent batch is cancelled on the server when all its callers have cancelled, a
/// failed statement fails every caller of the batch with the exception the single find throws, no caller is ever
/// lost, and finds inside a transaction (interactive or the outer client inside one) are never batched.
/// Blocking is made with a table lock held by plain Npgsql, never with timing.
/// </summary>
public sealed class BatchedFindLifecycleTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int Users = 20;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private string _tag = "";
    private List<(int Id, string Email, string? Name)> _users = [];

    public async Task InitializeAsync()
    {
        _tag = "bf-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Users; i++)
        {
            await fixture.Db.Users.CreateAsync(new() { Email = $"{_tag}-{i}@x.io", Name = i % 2 == 0 ? null : "n" + i });
        }

        _users = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\", \"Email\", \"Name\" FROM \"User\" WHERE \"Email\" LIKE '{_tag}-%'",
            r => (r.Get<int>("Id"), r.Get<string>("Email"), r.Ref<string>("Name")));
        Assert.Equal(Users, _users.Count);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TestDb Batched(string extra = "") => new(new LinqDatabaseOptions().UseNpgsql(fixture.ConnectionString + extra).UseBatchedFinds());

    private string Email(int i) => $"{_tag}-{i}@x.io";

    private (int Id, string Email, string? Name)? Expected(string email) => _users.Where(u => u.Email == email).Select(u => ((int, string, string?)?)u).SingleOrDefault();

    private static (int, string, string?)? Row(User? user) => user is null ? null : (user.Id, user.Email, user.Name);

    [Fact]
    public async Task Random_cancellations_lose_no_caller_and_the_others_get_their_rows()
    {
        await using var db = Batched();
        var random = new Random(15);
        var calls = new List<(string Email, CancellationTokenSource Cancel, Task<User?> Find)>();
        for (var i = 0; i < 600; i++)
        {
            var email = Email(random.Next(Users + 4));
            var cancel = new CancellationTokenSource();
            var mode = random.Next(4);
            if (mode == 1)
            {
                cancel.Cancel();
            }

            var find = db.Users.FindUniqueAsync(u => u.Email == email, cancel.Token);
            if (mode == 2)
            {
                cancel.Cancel();
            }
            else if (mode == 3)
            {
                cancel.CancelAfter(random.Next(3));
            }

            calls.Add((email, cancel, find));
        }

        var all = Task.WhenAll(calls.Select(c => c.Find));
        await Task.WhenAny(all.ContinueWith(_ => { }, TaskScheduler.Default), Task.Delay(Bound));
        Assert.True(all.IsCompleted, $"{calls.Count(c => !c.Find.IsCompleted)} callers never completed");
        foreach (var (email, cancel, find) in calls)
        {
            if (find.IsCompletedSuccessfully)
            {
                Assert.Equal(Expected(email), Row(await find));
            }
            else
            {
                Assert.True(cancel.IsCancellationRequested, $"{find.Status}: {find.Exception}");
                Assert.True(find.IsCanceled || find.Exception!.InnerException is OperationCanceledException, $"{find.Status}: {find.Exception}");
            }
        }

        Assert.Contains(calls, c => c.Find.IsCanceled);
        Assert.Contains(calls, c => c.Find.IsCompletedSuccessfully);

        // Nothing is left holding a place: a new round of finds all complete with their rows.
        var again = Enumerable.Range(0, 100).Select(i => (Email: Email(i % (Users + 2)), Find: db.Users.FindUniqueAsync(u => u.Email == Email(i % (Users + 2))))).ToList();
        foreach (var (email, find) in again)
        {
            Assert.Equal(Expected(email), Row(await find));
        }
    }

    [Fact]
    public async Task A_sent_batch_is_cancelled_on_the_server_when_all_its_callers_cancel()
    {
        await using var locker = await LockUsersAsync();
        await using var db = Batched();
        using var first = new CancellationTokenSource();
        using var rest = new CancellationTokenSource();
        // The first statements of the shape run at once and wait for the lock; the next callers queue behind them.
        var running = Enumerable.Range(0, FindBatchLimits.MaxInFlight).Select(i => db.Users.FindUniqueAsync(u => u.Email == Email(i), first.Token)).ToList();
        await WaitForAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM \"User\"%' AND query NOT LIKE '%batch_keys%'", n => n == FindBatchLimits.MaxInFlight);
        var queued = Enumerable.Range(0, 6).Select(i => db.Users.FindUniqueAsync(u => u.Email == Email(i), rest.Token)).ToList();
        Assert.All(queued, t => Assert.False(t.IsCompleted));

        // Cancelling the running ones ends their statements; the queued callers go as one batch, which waits for the lock too.
        await first.CancelAsync();
        foreach (var task in running)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        await WaitForAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%batch_keys%'", n => n == 1);
        await rest.CancelAsync();
        foreach (var task in queued)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        // The lock is still held: only a cancel request can have ended the batch's statement.
        await WaitForAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%batch_keys%' AND query NOT LIKE '%pg_stat_activity%'", n => n == 0);
    }

    [Fact]
    public async Task A_batch_that_times_out_fails_every_caller_with_the_single_finds_exception()
    {
        Type single;
        await using (var locker = await LockUsersAsync())
        {
            await using var alone = new TestDb(fixture.ConnectionString + ";Command Timeout=1");
            single = (await Assert.ThrowsAnyAsync<Exception>(() => alone.Users.FindUniqueAsync(u => u.Email == Email(0)))).GetType();
        }

        await using (var locker = await LockUsersAsync())
        {
            using var spans = new StatementSpans(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
            await using var db = Batched(";Command Timeout=1");
            var finds = Enumerable.Range(0, 12).Select(i => db.Users.FindUniqueAsync(u => u.Email == Email(i))).ToList();
            foreach (var find in finds)
            {
                Assert.IsType(single, await Assert.ThrowsAnyAsync<Exception>(() => find));
            }

            Assert.Contains(spans.Statements, s => s.BatchSize > 1);
        }

        await using var after = Batched();
        Assert.Equal(Expected(Email(3)), Row(await after.Users.FindUniqueAsync(u => u.Email == Email(3))));
    }

    [Fact]
    public async Task A_value_refused_for_one_caller_fails_that_caller_alone()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var single = (await Assert.ThrowsAnyAsync<Exception>(() => plain.Users.FindUniqueAsync(u => u.Email == "nul\0byte"))).GetType();

        using var spans = new StatementSpans(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        await using var db = Batched();
        var finds = Enumerable.Range(0, 30).Select(i => i == 15 ? "nul\0byte" : Email(i % (Users + 2))).Select(email => (Email: email, Find: db.Users.FindUniqueAsync(u => u.Email == email))).ToList();
        foreach (var (email, find) in finds)
        {
            if (email.Contains('\0', StringComparison.Ordinal))
            {
                Assert.IsType(single, await Assert.ThrowsAnyAsync<Exception>(() => find));
            }
            else
            {
                Assert.Equal(Expected(email), Row(await find));
            }
        }

        Assert.Contains(spans.Statements, s => s.BatchSize > 1);
    }

    [Fact]
    public async Task Finds_inside_an_interactive_transaction_are_not_batched()
    {
        using var spans = new StatementSpans(new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!);
        await using var db = Batched();
        var rows = await db.TransactionAsync(async tx =>
        {
            var finds = Enumerable.Range(0, Users + 2).Select(i => tx.Users.FindUniqueAsync(u => u.Email == Email(i))).ToList();
            return await Task.WhenAll(finds);
        });

        Assert.Equal(Enumerable.Range(0, Users + 2).Select(i => Expected(Email(i))), rows.Select(Row));
        Assert.DoesNotContain(spans.Statements, s => s.BatchSize > 0 || s.Sql.Contains("batch_keys", StringComparison.Ordinal));
        Assert.Equal(Users + 2, spans.Statements.Count(s => s.Sql.Contains("FROM \"User\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_outer_client_inside_a_transaction_is_refused_as_without_batching()
    {
        await using var db = Batched();
        await Assert.ThrowsAsync<OuterClientInTransactionException>(() => db.TransactionAsync(async tx =>
        {
            await tx.Users.FindUniqueAsync(u => u.Email == Email(1));
            return await db.Users.FindUniqueAsync(u => u.Email == Email(2));
        }));
    }

    // A plain Npgsql transaction holding an exclusive lock on the users' table until disposed.
    private async Task<IAsyncDisposable> LockUsersAsync()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new Lock(connection, transaction);
    }

    private async Task WaitForAsync(string countSql, Func<long, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var count = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, countSql);
            if (done(count))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {count} after {Bound}: {countSql}");
            await Task.Delay(20);
        }
    }

    private sealed class Lock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
