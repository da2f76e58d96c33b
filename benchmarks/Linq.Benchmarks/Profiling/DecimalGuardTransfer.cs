using BenchmarkDotNet.Attributes;
using Blog.Model;
using Linq.Benchmarks.Comparison;
using Linq.Benchmarks.Competitors;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// What the decimal range guard costs the interactive transfer (<c>--filter "*DecimalGuardTransfer*"</c>, not part of
/// the comparison): the same Linq transfer on the benchmark schema, whose <c>"Account"</c> has the range check (so the
/// client leaves the guard out), and on a copy of the table without it in another schema (a database made before the
/// check: the client keeps the guard), against hand-written Npgsql. One process, one server, the same rows.
/// </summary>
[MemoryDiagnoser]
public class DecimalGuardTransfer : ComparisonBenchmark
{
    private const string Schema = "linq_guarded";
    private readonly decimal _amount = Workload.TransferAmount;
    private BlogDb? _guarded;
    private long _calls;

    [Benchmark(Baseline = true)]
    public Task<decimal> HandWritten() => Next((from, to) => C.HandWritten.TransferAsync(from, to, _amount));

    /// <summary>The benchmark schema: the range check bounds <c>"Balance"</c>, the updates carry no guard.</summary>
    [Benchmark]
    public Task<decimal> Linq_CheckNoGuard() => Next((from, to) => C.Linq.TransferAsync(from, to, _amount));

    /// <summary>A copy of <c>"Account"</c> without the check: the updates carry the guard.</summary>
    [Benchmark]
    public Task<decimal> Linq_Guarded() => Next((from, to) => TransferAsync(_guarded!, from, to, _amount));

    public override async Task VerifyAsync()
    {
        await using (var connection = await C.Database.DataSource.OpenConnectionAsync())
        {
            await using var copy = new NpgsqlCommand($"""
                DROP SCHEMA IF EXISTS {Schema} CASCADE;
                CREATE SCHEMA {Schema};
                CREATE TABLE {Schema}."Account" (LIKE public."Account" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
                INSERT INTO {Schema}."Account" SELECT * FROM public."Account";
                ANALYZE {Schema}."Account";
                """, connection);
            await copy.ExecuteNonQueryAsync();
        }

        _guarded = new BlogDb(C.Database.ConnectionString + $";Search Path={Schema},public");
        var expected = await C.HandWritten.TransferAsync(Workload.AccountA, Workload.AccountB, 0);
        var there = await TransferAsync(_guarded, Workload.AccountA, Workload.AccountB, 0);
        if (there != await PlainBalanceAsync() || there != expected)
        {
            throw new InvalidOperationException($"{nameof(DecimalGuardTransfer)}: the copy's balance {there} differs from {expected}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_guarded is not null)
        {
            await _guarded.DisposeAsync();
        }
    }

    private async Task<decimal> PlainBalanceAsync()
    {
        await using var read = C.Database.DataSource.CreateCommand($"""SELECT "Balance" FROM {Schema}."Account" WHERE "Email" = $1""");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.AccountA });
        return (decimal)(await read.ExecuteScalarAsync())!;
    }

    // LinqClient.TransferAsync's body, over the client whose search_path finds the copy.
    private static Task<decimal> TransferAsync(BlogDb db, string from, string to, decimal amount) =>
        db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateAsync(a => a.Email == from, new() { Balance = Op.Decrement(amount) });
            await tx.Accounts.UpdateAsync(a => a.Email == to, new() { Balance = Op.Increment(amount) });
            var account = await tx.Accounts.FindUniqueAsync(a => a.Email == from) ?? throw new InvalidOperationException($"No account {from}.");
            return account.Balance < 0 ? throw new InvalidOperationException($"{from} would be overdrawn.") : account.Balance;
        });

    private Task<decimal> Next(Func<string, string, Task<decimal>> transfer) =>
        (_calls++ & 1) == 0 ? transfer(Workload.AccountA, Workload.AccountB) : transfer(Workload.AccountB, Workload.AccountA);
}
