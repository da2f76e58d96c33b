using BenchmarkDotNet.Attributes;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Scenarios;
using Npgsql;
using Dap = Linq.Benchmarks.Competitors.Dapper;
using Ef = Linq.Benchmarks.Competitors.EfCore;
using L2 = Linq.Benchmarks.Competitors.Linq2Db;
using M = Blog.Model;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// An interactive transaction: debit one account, credit another, read the debited balance back (and roll back if
/// it went negative), commit: four statements and the commit on one connection. Calls alternate the direction, so
/// balances stay where they started.
/// </summary>
/// <remarks>
/// Hand-written and Dapper: <c>BeginTransactionAsync</c> on one connection (Npgsql sends <c>BEGIN</c> with the first
/// statement). EF Core: <c>Database.BeginTransactionAsync</c> and <c>ExecuteUpdateAsync</c>. linq2db:
/// <c>BeginTransactionAsync</c> and <c>Set</c>/<c>UpdateAsync</c>. Linq: <c>db.TransactionAsync(async tx => …)</c>.
/// </remarks>
[MemoryDiagnoser]
public class TransferTransactionComparison : ComparisonBenchmark
{
    private readonly decimal _amount = Workload.TransferAmount;
    private long _calls;

    [Benchmark(Baseline = true)]
    public Task<decimal> HandWritten() => Next((from, to) => C.HandWritten.TransferAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Dapper() => Next((from, to) => C.Dapper.TransferAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> EfCore() => Next((from, to) => C.EfCore.TransferAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Linq2Db() => Next((from, to) => C.Linq2Db.TransferAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Linq() => Next((from, to) => C.Linq.TransferAsync(from, to, _amount));

    /// <summary>The updates as <c>UpdateManyAsync</c>: the count of changed rows, not the row (hand-written's statements).</summary>
    [Benchmark]
    public Task<decimal> Linq_Counted() => Next((from, to) => C.Linq.TransferCountedAsync(from, to, _amount));

    // Prepared statements: hand-written with Npgsql's auto-prepare, Linq with options.PrepareStatements (own pools).
    private PreparedClients _prepared = null!;

    [GlobalSetup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared)])]
    public async Task SetupPreparedAsync()
    {
        await SetupAsync();
        _prepared = new PreparedClients(C.Database.ConnectionString);
    }

    [GlobalCleanup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared)])]
    public async Task CleanupPreparedAsync()
    {
        await _prepared.DisposeAsync();
        await VacuumAsync();
    }

    [Benchmark]
    public Task<decimal> HandWritten_Prepared() => Next((from, to) => _prepared.HandWritten.TransferAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Linq_Prepared() => Next((from, to) => _prepared.Linq.TransferAsync(from, to, _amount));

    /// <summary>Every call leaves dead row versions: cleared after the benchmark, outside the measurement.</summary>
    [GlobalCleanup]
    public Task VacuumAsync() => C.Database.VacuumAnalyzeAsync("\"Account\"");

    private Task<decimal> Next(Func<string, string, Task<decimal>> transfer) =>
        (_calls++ & 1) == 0 ? transfer(Workload.AccountA, Workload.AccountB) : transfer(Workload.AccountB, Workload.AccountA);

    public override async Task VerifyAsync()
    {
        var variants = new (string Name, Func<string, string, decimal, Task<decimal>> Transfer)[]
        {
            (nameof(HandWritten), C.HandWritten.TransferAsync),
            (nameof(Dapper), C.Dapper.TransferAsync),
            (nameof(EfCore), C.EfCore.TransferAsync),
            (nameof(Linq2Db), C.Linq2Db.TransferAsync),
            (nameof(Linq), C.Linq.TransferAsync),
            (nameof(Linq_Counted), C.Linq.TransferCountedAsync),
        };
        foreach (var (name, transfer) in variants)
        {
            var (a, b) = await BalancesAsync();
            var returned = await transfer(Workload.AccountA, Workload.AccountB, _amount);
            var after = await BalancesAsync();
            var back = await transfer(Workload.AccountB, Workload.AccountA, _amount);
            var restored = await BalancesAsync();
            if (returned != a - _amount || after != (a - _amount, b + _amount) || back != b || restored != (a, b))
            {
                throw new InvalidOperationException(
                    $"{nameof(TransferTransactionComparison)}: {name} went from {(a, b)} to {after} (returned {returned}) and back to {restored} (returned {back}).");
            }
        }

        try
        {
            await C.HandWritten.TransferAsync(Workload.AccountA, Workload.AccountB, BenchmarkDatabase.InitialBalance * 10);
            throw new InvalidOperationException("An overdraft was not rolled back.");
        }
        catch (InvalidOperationException e) when (e.Message.EndsWith("would be overdrawn.", StringComparison.Ordinal))
        {
            // rolled back: checked below
        }

        if (await BalancesAsync() is var final && final.A + final.B != 2 * BenchmarkDatabase.InitialBalance)
        {
            throw new InvalidOperationException($"{nameof(TransferTransactionComparison)}: the balances {final} do not add up after a rolled-back overdraft.");
        }

        Console.WriteLine($"// verified {nameof(TransferTransactionComparison)}: {variants.Length} variants moved money and back; an overdraft rolls back");
    }

    private async Task<(decimal A, decimal B)> BalancesAsync()
    {
        await using var command = C.Database.DataSource.CreateCommand(
            """SELECT (SELECT "Balance" FROM "Account" WHERE "Email" = $1), (SELECT "Balance" FROM "Account" WHERE "Email" = $2)""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.AccountA });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.AccountB });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDecimal(0), reader.GetDecimal(1));
    }
}

/// <summary>
/// A batch transaction: a page of an author's posts (latest 5) and the author's post count, in one transaction
/// (Prisma's <c>$transaction([findMany, count])</c>). Hand-written: <c>BEGIN; list; count; COMMIT</c> as one
/// <see cref="NpgsqlBatch"/> (one round trip); Dapper: <c>QueryMultiple</c> inside <c>BeginTransactionAsync</c> (two);
/// EF Core and linq2db: two queries inside a transaction (three); Linq: <c>db.TransactionAsync(Batch.ToList(…),
/// Batch.Count(…))</c> (one).
/// </summary>
[MemoryDiagnoser]
public class BatchTransactionComparison : ComparisonBenchmark
{
    private readonly int _authorId = Workload.BatchAuthorId;
    private readonly int _take = Workload.BatchTake;

    [Benchmark(Baseline = true)]
    public Task<PageWithCount<M.Post>> HandWritten() => C.HandWritten.PostsPageWithCountAsync(_authorId, _take);

    [Benchmark]
    public Task<PageWithCount<Dap.Post>> Dapper() => C.Dapper.PostsPageWithCountAsync(_authorId, _take);

    [Benchmark]
    public Task<PageWithCount<Ef.Post>> EfCore() => C.EfCore.PostsPageWithCountAsync(_authorId, _take);

    [Benchmark]
    public Task<PageWithCount<L2.Post>> Linq2Db() => C.Linq2Db.PostsPageWithCountAsync(_authorId, _take);

    [Benchmark]
    public Task<PageWithCount<M.Post>> Linq() => C.Linq.PostsPageWithCountAsync(_authorId, _take);

    // Prepared statements: hand-written with Npgsql's auto-prepare, Linq with options.PrepareStatements (own pools).
    private PreparedClients _prepared = null!;

    [GlobalSetup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared)])]
    public async Task SetupPreparedAsync()
    {
        await SetupAsync();
        _prepared = new PreparedClients(C.Database.ConnectionString);
    }

    [GlobalCleanup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared)])]
    public ValueTask CleanupPreparedAsync() => _prepared.DisposeAsync();

    [Benchmark]
    public Task<PageWithCount<M.Post>> HandWritten_Prepared() => _prepared.HandWritten.PostsPageWithCountAsync(_authorId, _take);

    [Benchmark]
    public Task<PageWithCount<M.Post>> Linq_Prepared() => _prepared.Linq.PostsPageWithCountAsync(_authorId, _take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(BatchTransactionComparison),
        new Digest(Workload.BatchTake, BenchmarkDatabase.PostsPerUser, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())));
}
