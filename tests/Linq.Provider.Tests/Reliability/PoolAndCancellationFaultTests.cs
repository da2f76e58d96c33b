using System.Collections.Concurrent;
using System.Diagnostics;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// An exhausted pool fails every kind of operation with P2024 within the wait, and a storm of cancellations leaves no
/// open transaction, no half-written nested create or COPY, and a pool that serves new work. Read back with plain Npgsql.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PoolAndCancellationFaultTests(FaultCluster cluster)
{
    private TestDb Client(int maxPool, int waitSeconds) => new(new LinqDatabaseOptions
    {
        TransactionDefaults = new TransactionOptions { MaxWait = TimeSpan.FromSeconds(waitSeconds) },
    }.UseNpgsql(cluster.ConnectionString + $";Maximum Pool Size={maxPool}"));

    public static TheoryData<string> Operations =>
    [
        "list", "first", "count", "any", "page", "stream", "find-unique", "create", "create-many", "copy", "update", "update-many",
        "upsert", "delete-many", "raw-query", "raw-execute", "transaction", "batch",
    ];

    private static Task RunAsync(TestDb db, string operation, string tag) => operation switch
    {
        "list" => db.Ledgers.Where(l => l.Name.StartsWith(tag)).ToListAsync(),
        "first" => db.Ledgers.OrderBy(l => l.Id).FirstOrDefaultAsync(),
        "count" => db.Ledgers.CountAsync(),
        "any" => db.Ledgers.AnyAsync(l => l.Name == tag),
        "page" => db.Ledgers.OrderBy(l => l.Id).ToPageAsync(5),
        "stream" => StreamAsync(db),
        "find-unique" => db.Ledgers.FindUniqueAsync(l => l.Name == tag),
        "create" => db.Ledgers.CreateAsync(new() { Name = tag + "-c-" + Guid.NewGuid().ToString("N") }),
        "create-many" => db.Ledgers.CreateManyAsync(new List<LedgerCreateInput> { new() { Name = tag + "-m-" + Guid.NewGuid().ToString("N") } }),
        "copy" => db.Ledgers.CreateManyAsync(Enumerable.Range(0, 1_100).Select(i => new LedgerCreateInput { Name = $"{tag}-copy-{Guid.NewGuid():N}-{i}" }).ToList()),
        "update" => db.Ledgers.UpdateAsync(l => l.Name == tag, new() { Name = tag }),
        "update-many" => db.Ledgers.UpdateManyAsync(l => l.Name == tag + "-none", new() { Name = tag }),
        "upsert" => db.Ledgers.UpsertAsync(l => l.Name == tag + "-u", create: new() { Name = tag + "-u" }, update: new() { Name = tag + "-u" }),
        "delete-many" => db.Ledgers.DeleteManyAsync(l => l.Name == tag + "-none"),
        "raw-query" => db.QueryRawAsync<Ledger>($"SELECT * FROM \"Ledger\" WHERE \"Name\" = {tag}"),
        "raw-execute" => db.ExecuteRawAsync($"UPDATE \"Ledger\" SET \"Name\" = \"Name\" WHERE \"Name\" = {tag}"),
        "transaction" => db.TransactionAsync(async tx => await tx.Ledgers.CountAsync()),
        "batch" => db.TransactionAsync(Batch.Count(db.Ledgers), Batch.Count(db.LedgerEntries)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static async Task StreamAsync(TestDb db)
    {
        await foreach (var _ in db.Ledgers.AsAsyncEnumerable())
        {
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_on_an_exhausted_pool_fails_with_P2024_within_the_wait(string operation)
    {
        await using var db = Client(maxPool: 2, waitSeconds: 1);
        var tag = "pool-" + Guid.NewGuid().ToString("N")[..8];
        await db.Ledgers.CreateAsync(new() { Name = tag });

        // Two transactions hold the pool's two connections until released.
        var release = new TaskCompletionSource();
        var held = new List<Task>();
        var entered = new CountdownEvent(2);
        for (var i = 0; i < 2; i++)
        {
            held.Add(db.TransactionAsync(async tx =>
            {
                await tx.Ledgers.CountAsync();
                entered.Signal();
                await release.Task;
            }, new TransactionOptions { Timeout = TimeSpan.FromSeconds(60) }));
        }

        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PoolTimeoutException>(() => RunAsync(db, operation, tag));
        clock.Stop();
        Assert.Equal("P2024", error.Code);
        Assert.True(error.IsTransient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed} for a 1 s pool wait");

        release.SetResult();
        await Task.WhenAll(held);
        await RunAsync(db, operation, tag);
    }

    [Fact]
    public async Task A_cancellation_storm_leaves_no_open_transaction_no_half_write_and_a_working_pool()
    {
        await using var db = Client(maxPool: 16, waitSeconds: 5);
        var tag = "storm-" + Guid.NewGuid().ToString("N")[..8];
        var random = new ConcurrentQueue<int>(Enumerable.Range(0, 1_000).Select(i => (i * 7919) % 150));
        var outcomes = new ConcurrentDictionary<string, int>();
        using var gate = new SemaphoreSlim(16);

        var tasks = Enumerable.Range(0, 1_000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                random.TryDequeue(out var delay);
                using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(delay));
                var ct = cancel.Token;
                Task work = (i % 5) switch
                {
                    0 => db.Ledgers.CreateAsync(new()
                    {
                        Name = $"{tag}-nested-{i}",
                        Entries = new() { Create = [new() { Hits = 1, Total = 0, Small = 0, Amount = 0, Ratio = 0 }, new() { Hits = 2, Total = 0, Small = 0, Amount = 0, Ratio = 0 }, new() { Hits = 3, Total = 0, Small = 0, Amount = 0, Ratio = 0 }] },
                    }, ct),
                    1 => db.LedgerEntries.CreateManyAsync(Enumerable.Range(0, 1_200).Select(_ => new LedgerEntryCreateInput { LedgerId = 0, Hits = i, Total = 0, Small = 0, Amount = 0, Ratio = 0 }).ToList(), cancellationToken: ct),
                    2 => db.TransactionAsync(async tx =>
                    {
                        await tx.Ledgers.CreateAsync(new() { Name = $"{tag}-tx-{i}-a" }, ct);
                        await Task.Delay(delay % 5, ct);
                        await tx.Ledgers.CreateAsync(new() { Name = $"{tag}-tx-{i}-b" }, ct);
                    }, cancellationToken: ct),
                    3 => db.Ledgers.Where(l => l.Name.StartsWith(tag)).Include(l => l.Entries).ToListAsync(ct),
                    _ => db.Ledgers.CountAsync(ct),
                };
                try
                {
                    await work;
                    outcomes.AddOrUpdate("ok", 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException)
                {
                    outcomes.AddOrUpdate("cancelled", 1, (_, n) => n + 1);
                }
                catch (ForeignKeyViolationException)
                {
                    // The COPY rows point at no ledger on purpose when not cancelled: all of a COPY or none of it.
                    outcomes.AddOrUpdate("refused", 1, (_, n) => n + 1);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        Assert.True(outcomes.GetValueOrDefault("cancelled") > 20, "the storm cancelled operations: " + string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("ok") > 20, "and let others finish: " + string.Join(", ", outcomes));

        // No connection is left inside a transaction (give returned connections a moment to finish their rollback).
        long open = 0;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            open = await cluster.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = 'faults' AND state LIKE 'idle in transaction%'");
            if (open == 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(0, open);

        // Nested creates are whole: a ledger of the storm has its three entries or does not exist.
        var partial = await cluster.ScalarAsync<long>($"""
            SELECT count(*) FROM "Ledger" l WHERE l."Name" LIKE '{tag}-nested-%'
            AND (SELECT count(*) FROM "LedgerEntry" e WHERE e."LedgerId" = l."Id") <> 3
            """);
        Assert.Equal(0, partial);
        var halfTransactions = await cluster.ScalarAsync<long>($"""
            SELECT count(*) FROM (SELECT regexp_replace("Name", '-[ab]$', '') AS t FROM "Ledger" WHERE "Name" LIKE '{tag}-tx-%'
            GROUP BY 1 HAVING count(*) <> 2) x
            """);
        Assert.Equal(0, halfTransactions);
        Assert.Equal(0, await cluster.ScalarAsync<long>("SELECT count(*) FROM \"LedgerEntry\" WHERE \"LedgerId\" = 0"));

        // The pool serves new work at once.
        for (var i = 0; i < 32; i++)
        {
            Assert.True(await db.Ledgers.CountAsync() >= 0);
        }
    }
}
