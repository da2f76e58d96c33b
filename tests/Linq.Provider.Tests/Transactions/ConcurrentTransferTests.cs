using System.Collections.Concurrent;
using System.Data;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Transactions;

/// <summary>Serializable transfers under load with retries: money is conserved and every transfer is all or nothing.</summary>
public sealed class ConcurrentTransferTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private sealed class InsufficientFundsException : Exception;

    private static readonly TransactionOptions Serializable = new()
    {
        IsolationLevel = IsolationLevel.Serializable,
        MaxRetries = 50,
        RetryDelay = TimeSpan.FromMilliseconds(2),
        Timeout = TimeSpan.FromSeconds(30),
        MaxWait = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Eight_workers_make_500_transfers_each_and_the_books_balance()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var accounts = new List<Account>();
        for (var i = 0; i < 10; i++)
        {
            accounts.Add(await fixture.Db.Accounts.CreateAsync(new() { Email = $"{tag}-{i}@bank.io", Balance = 100 }));
        }

        var applied = new ConcurrentBag<(int From, int To, decimal Amount)>();
        var refused = 0;
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var n = 0; n < 500; n++)
            {
                var from = accounts[random.Next(10)].Id;
                var to = accounts[random.Next(10)].Id;
                var amount = random.Next(1, 40);
                if (from == to)
                {
                    continue;
                }

                try
                {
                    await fixture.Db.TransactionAsync(async tx =>
                    {
                        var source = await tx.Accounts.UpdateAsync(a => a.Id == from, new() { Balance = Op.Decrement(amount) });
                        if (source.Balance < 0)
                        {
                            throw new InsufficientFundsException(); // rolls back the decrement
                        }

                        await tx.Accounts.UpdateAsync(a => a.Id == to, new() { Balance = Op.Increment(amount) });
                    }, Serializable);
                    applied.Add((from, to, amount));
                }
                catch (InsufficientFundsException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        var stored = (await fixture.Db.Accounts.Where(a => a.Email.StartsWith(tag)).ToListAsync()).ToDictionary(a => a.Id, a => a.Balance);
        Assert.Equal(1000m, stored.Values.Sum());
        Assert.All(stored.Values, balance => Assert.True(balance >= 0, $"negative balance {balance}"));

        // Replaying exactly the transfers that reported success gives the stored balances: none was half applied.
        var expected = accounts.ToDictionary(a => a.Id, _ => 100m);
        foreach (var (from, to, amount) in applied)
        {
            expected[from] -= amount;
            expected[to] += amount;
        }

        Assert.Equal(expected.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
        Assert.True(applied.Count > 1000, $"only {applied.Count} transfers applied ({refused} refused)");
    }

    [Fact]
    public async Task Conflicts_are_retried_and_reported_after_the_last_try()
    {
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = $"{Guid.NewGuid():N}@bank.io", Balance = 0 });
        var runs = 0;

        async Task IncrementAsync(TransactionOptions options, Barrier barrier)
        {
            await fixture.Db.TransactionAsync(async tx =>
            {
                Interlocked.Increment(ref runs);
                var current = await tx.Accounts.FindUniqueAsync(a => a.Id == account.Id);
                if (Volatile.Read(ref runs) <= 2)
                {
                    barrier.SignalAndWait(TimeSpan.FromSeconds(5)); // both read before either writes: a serialization conflict
                }

                await tx.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = current!.Balance + 1 });
            }, options);
        }

        using (var barrier = new Barrier(2))
        {
            var retrying = new TransactionOptions { IsolationLevel = IsolationLevel.Serializable, MaxRetries = 5 };
            await Task.WhenAll(Task.Run(() => IncrementAsync(retrying, barrier)), Task.Run(() => IncrementAsync(retrying, barrier)));
        }

        Assert.Equal(2m, (await fixture.Db.Accounts.FindUniqueAsync(a => a.Id == account.Id))!.Balance);
        Assert.True(runs >= 3, $"the loser should have run again ({runs} runs)");

        runs = 0;
        using (var barrier = new Barrier(2))
        {
            var once = new TransactionOptions { IsolationLevel = IsolationLevel.Serializable };
            var outcomes = await Task.WhenAll(
                Task.Run(() => Outcome(IncrementAsync(once, barrier))),
                Task.Run(() => Outcome(IncrementAsync(once, barrier))));
            Assert.Contains("ok", outcomes);
            Assert.Contains("P2034", outcomes);
        }
    }

    private static async Task<string> Outcome(Task task)
    {
        try
        {
            await task;
            return "ok";
        }
        catch (TransactionConflictException error)
        {
            return error.Code;
        }
    }
}
