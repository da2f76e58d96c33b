using System.Collections.Concurrent;
using System.Diagnostics;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// 16 workers query, create, increment and run interactive transactions while the server is restarted (fast and
/// immediate) and its backends are terminated: every operation succeeds or fails with a typed transient error, the
/// service recovers within 5 s of the server being back, and every write reported as done is stored exactly once
/// (read back with plain Npgsql).
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ServerFaultTests(FaultCluster cluster)
{
    private const int Workers = 16;

    private sealed class Ledger
    {
        public ConcurrentBag<string> Created { get; } = [];
        public ConcurrentBag<(string A, string B)> TransactionPairs { get; } = [];
        public int[] IncrementsReported { get; } = new int[Workers];
        public int[] IncrementsTried { get; } = new int[Workers];
        public ConcurrentBag<Exception> Untyped { get; } = [];
        public ConcurrentBag<(TimeSpan At, Exception Error)> Failures { get; } = [];
        public ConcurrentDictionary<string, int> Codes { get; } = new();
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Restarts_and_terminated_backends_give_typed_errors_lose_nothing_and_recover(string mode)
    {
        await using var db = new TestDb(new LinqDatabaseOptions().UseNpgsql(cluster.ConnectionString + ";Maximum Pool Size=20"));
        var tag = mode + "-" + Guid.NewGuid().ToString("N")[..8];
        var parent = await db.Ledgers.CreateAsync(new() { Name = "root-" + tag });
        var rows = new int[Workers];
        for (var w = 0; w < Workers; w++)
        {
            rows[w] = (await db.LedgerEntries.CreateAsync(new() { LedgerId = parent.Id, Hits = 0, Total = 0, Small = 0, Amount = 0, Ratio = 0 })).Id;
        }

        var ledger = new Ledger();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(db, w, tag, parent.Id, rows[w], ledger, clock, stop.Token))).ToList();

        await Task.Delay(1_000);
        Assert.True(await cluster.TerminateBackendsAsync() > 0);
        await Task.Delay(1_000);
        await cluster.Cluster.StopAsync(mode, CancellationToken.None);
        await Task.Delay(1_000);
        await cluster.Cluster.StartAgainAsync(CancellationToken.None);
        var back = clock.Elapsed;
        await Task.Delay(7_000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(ledger.Untyped.IsEmpty, "untyped errors: " + string.Join(" | ", ledger.Untyped.Select(e => e.GetType().Name + ": " + e.Message).Distinct().Take(5)));
        var late = ledger.Failures.Where(f => f.At > back + TimeSpan.FromSeconds(5)).ToList();
        Assert.True(late.Count == 0, "failures 5 s after the server was back: " + string.Join(" | ", late.Select(f => f.Error.GetType().Name + ": " + f.Error.Message).Distinct().Take(5)));
        Assert.NotEmpty(ledger.Failures);
        Assert.All(ledger.Codes.Keys, code => Assert.Contains(code, new[] { "P1001", "P1017", "P2024", "P2028", "P2034" }));

        // Every write reported as done is stored, exactly once; transactions are all or nothing.
        var stored = await cluster.StringsAsync($"SELECT \"Name\" FROM \"Ledger\" WHERE \"Name\" LIKE 'w%-{tag}-%'");
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var storedSet = stored.ToHashSet();
        Assert.All(ledger.Created, name => Assert.Contains(name, storedSet));
        Assert.All(ledger.TransactionPairs, pair => Assert.Equal(storedSet.Contains(pair.A), storedSet.Contains(pair.B)));
        Assert.True(ledger.Created.Count > Workers, "the workers got work done");

        // An increment reported done is in the sum; one whose connection broke may or may not be (never more than tried).
        for (var w = 0; w < Workers; w++)
        {
            var hits = await cluster.ScalarAsync<int>($"SELECT \"Hits\" FROM \"LedgerEntry\" WHERE \"Id\" = {rows[w]}");
            Assert.InRange(hits, ledger.IncrementsReported[w], ledger.IncrementsTried[w]);
        }
    }

    private static async Task WorkAsync(TestDb db, int worker, string tag, int ledgerId, int row, Ledger ledger, Stopwatch clock, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                switch (i % 4)
                {
                    case 0:
                        _ = await db.LedgerEntries.Where(e => e.LedgerId == ledgerId).CountAsync();
                        break;
                    case 1:
                        var name = $"w{worker}-{tag}-{i}";
                        await db.Ledgers.CreateAsync(new() { Name = name });
                        ledger.Created.Add(name);
                        break;
                    case 2:
                        Interlocked.Increment(ref ledger.IncrementsTried[worker]);
                        await db.LedgerEntries.UpdateAsync(e => e.Id == row, new() { Hits = Op.Increment(1) });
                        Interlocked.Increment(ref ledger.IncrementsReported[worker]);
                        break;
                    default:
                        var (a, b) = ($"w{worker}-{tag}-{i}-a", $"w{worker}-{tag}-{i}-b");
                        ledger.TransactionPairs.Add((a, b));
                        await db.TransactionAsync(async tx =>
                        {
                            await tx.Ledgers.CreateAsync(new() { Name = a });
                            await tx.Ledgers.CreateAsync(new() { Name = b });
                        });
                        ledger.Created.Add(a);
                        ledger.Created.Add(b);
                        break;
                }
            }
            catch (LinqRequestException error) when (error.IsTransient || error is TransactionTimeoutException)
            {
                ledger.Failures.Add((clock.Elapsed, error));
                ledger.Codes.TryAdd(error.Code, 0);
                await Task.Delay(20, CancellationToken.None);
            }
            catch (Exception error)
            {
                ledger.Untyped.Add(error);
                ledger.Failures.Add((clock.Elapsed, error));
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }
}
