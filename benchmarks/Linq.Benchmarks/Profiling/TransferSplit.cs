using BenchmarkDotNet.Attributes;
using Linq.Benchmarks.Comparison;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Where the interactive transfer's time goes beyond hand-written (<c>--filter "*TransferSplit*"</c>, not part of the
/// comparison): hand-written Npgsql sending Linq's statement texts (the server's share), Linq's transaction running
/// hand-written statements as raw SQL (the transaction machinery's share), and Linq's own transfers.
/// </summary>
[MemoryDiagnoser]
public class TransferSplit : ComparisonBenchmark
{
    private readonly decimal _amount = Workload.TransferAmount;
    private long _calls;

    [Benchmark(Baseline = true)]
    public Task<decimal> HandWritten() => Next((from, to) => C.HandWritten.TransferAsync(from, to, _amount));

    /// <summary>Hand-written code, but with the texts <c>UpdateManyAsync</c> and <c>FindUniqueAsync</c> send.</summary>
    [Benchmark]
    public Task<decimal> HandWritten_LinqTexts() => Next((from, to) => C.HandWritten.TransferWithLinqTextsAsync(from, to, _amount));

    /// <summary>Linq's interactive transaction around hand-written statements (<c>ExecuteRawAsync</c>, <c>QueryRawAsync</c>).</summary>
    [Benchmark]
    public Task<decimal> Linq_RawStatements() => Next((from, to) => C.Linq.TransferRawAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Linq_Counted() => Next((from, to) => C.Linq.TransferCountedAsync(from, to, _amount));

    [Benchmark]
    public Task<decimal> Linq() => Next((from, to) => C.Linq.TransferAsync(from, to, _amount));

    [GlobalCleanup]
    public Task VacuumAsync() => C.Database.VacuumAnalyzeAsync("\"Account\"");

    private Task<decimal> Next(Func<string, string, Task<decimal>> transfer) =>
        (_calls++ & 1) == 0 ? transfer(Workload.AccountA, Workload.AccountB) : transfer(Workload.AccountB, Workload.AccountA);

    public override async Task VerifyAsync()
    {
        foreach (var transfer in new Func<string, string, decimal, Task<decimal>>[] { C.HandWritten.TransferWithLinqTextsAsync, C.Linq.TransferRawAsync })
        {
            var there = await transfer(Workload.AccountA, Workload.AccountB, _amount);
            var back = await transfer(Workload.AccountB, Workload.AccountA, _amount);
            var expected = await C.HandWritten.TransferAsync(Workload.AccountA, Workload.AccountB, 0);
            if (there + _amount != expected || back < 0)
            {
                throw new InvalidOperationException($"{nameof(TransferSplit)}: a variant returned {there}, expected {expected - _amount}.");
            }
        }
    }
}
