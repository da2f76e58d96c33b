using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A conditional UpdateMany/DeleteMany run concurrently on one row behaves as the hand-written statement: under READ
/// COMMITTED a statement that waited for another transaction's change re-checks its filter on the row's newest version
/// (PostgreSQL's EvalPlanQual), so <c>Balance &gt;= amount</c> can never let a decrement through that the committed
/// balance no longer allows. The filter must therefore be in the statement's own WHERE: a key sub-SELECT there is
/// evaluated on the statement's first snapshot, and the check is lost. The balance is read back with plain Npgsql.
/// </summary>
public sealed class ManyWriteConcurrencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Workers = 8;
    private const int CallsPerWorker = 5;

    private Task<decimal> BalanceAsync(int id) =>
        PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT \"Balance\" FROM \"Account\" WHERE \"Id\" = {id}");

    private async Task<int> NewAccountAsync(decimal balance) =>
        (await fixture.Db.Accounts.CreateAsync(new() { Email = $"mc-{Guid.NewGuid():N}@x.io", Balance = balance })).Id;

    // Every worker waits for the gate, so the first calls of all workers meet on the row.
    private static async Task<int[]> ConcurrentlyAsync(Func<Task<int>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, Workers).Select(async _ =>
        {
            await gate.Task;
            var counts = new int[CallsPerWorker];
            for (var i = 0; i < CallsPerWorker; i++)
            {
                counts[i] = await call();
            }

            return counts;
        }).ToList();
        gate.SetResult();
        return [.. (await Task.WhenAll(workers)).SelectMany(c => c)];
    }

    [Fact]
    public async Task Concurrent_conditional_decrements_never_overdraw_and_count_what_they_applied()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        const decimal start = 1000m, amount = 70m;
        var id = await NewAccountAsync(start);

        var counts = await ConcurrentlyAsync(() => db.Accounts.UpdateManyAsync(a => a.Id == id && a.Balance >= amount, new() { Balance = Op.Decrement(amount) }));

        var balance = await BalanceAsync(id);
        Assert.True(balance >= 0, $"the balance went to {balance}: a decrement passed a check the committed row no longer met");
        Assert.Equal(start - balance, counts.Sum() * amount);
        // 40 attempts for 14 possible decrements: each that fails saw the committed balance below the amount.
        Assert.Equal((int)(start / amount), counts.Sum());
        Assert.Equal(start % amount, balance);
    }

    [Fact]
    public async Task Concurrent_conditional_decrements_inside_transactions_never_overdraw()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        const decimal start = 500m, amount = 40m;
        var id = await NewAccountAsync(start);

        var counts = await ConcurrentlyAsync(() => db.TransactionAsync(tx =>
            tx.Accounts.UpdateManyAsync(a => a.Id == id && a.Balance >= amount, new() { Balance = Op.Decrement(amount) })));

        var balance = await BalanceAsync(id);
        Assert.Equal(start % amount, balance);
        Assert.Equal(start - balance, counts.Sum() * amount);
    }

    [Fact]
    public async Task A_conditional_delete_racing_decrements_deletes_only_a_row_that_still_qualifies()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        for (var round = 0; round < 5; round++)
        {
            // Decrements empty the account while deletes of "accounts with at least 50" run: a delete that waited for a
            // decrement must see the new balance, so a deleted row's last balance was at least 50 when it was deleted.
            var id = await NewAccountAsync(100m);
            var decrements = ConcurrentlyAsync(() => db.Accounts.UpdateManyAsync(a => a.Id == id && a.Balance >= 10m, new() { Balance = Op.Decrement(10m) }));
            var deletes = ConcurrentlyAsync(() => db.Accounts.DeleteManyAsync(a => a.Id == id && a.Balance >= 50m));
            var decremented = (await decrements).Sum();
            var deleted = (await deletes).Sum();

            Assert.InRange(deleted, 0, 1);
            var left = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Account\" WHERE \"Id\" = {id}");
            Assert.Equal(1 - deleted, left);
            if (deleted == 0)
            {
                Assert.Equal(100m - decremented * 10m, await BalanceAsync(id));
                Assert.Equal(10, decremented);
            }
            else
            {
                // Deleted while its balance was still at least 50: at most five decrements before it.
                Assert.InRange(decremented, 0, 5);
            }
        }
    }
}
