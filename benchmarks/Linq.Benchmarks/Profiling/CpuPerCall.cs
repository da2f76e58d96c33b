using System.Diagnostics;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Client CPU time and allocated bytes per call of the cached read hot path (<c>--cpu-per-call FILE [CALLS]</c>): the
/// process's CPU time (<see cref="Process.TotalProcessorTime"/>, every thread of this process, the server being another
/// process) and <see cref="GC.GetTotalAllocatedBytes"/> over many sequential calls. Unlike wall-clock time, neither
/// counts what other processes on a loaded machine take, so the ratios hold up where BenchmarkDotNet's times do not.
/// The implementations run in alternating rounds, so a change of clock speed or cache pressure is shared.
/// </summary>
public static class CpuPerCall
{
    private const int Rounds = 40;

    public static async Task<string> RunAsync(int calls)
    {
        var set = await CompetitorSet.SharedAsync();
        var hand = set.HandWritten;
        var linq = set.Linq;
        var cases = new ProfiledCall[]
        {
            new("find by unique e-mail", "hand-written", () => hand.FindUserByEmailAsync(Workload.FindEmail)),
            new("find by unique e-mail", "Linq FindUniqueAsync", () => linq.FindUserByEmailAsync(Workload.FindEmail)),
            new("find by unique e-mail", "Linq compiled", () => linq.FindUserByEmailCompiledAsync(Workload.FindEmail)),
            new("filter + order + offset + projection", "hand-written", () => hand.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            new("filter + order + offset + projection", "Linq", () => linq.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            new("filter + order + offset + projection", "Linq compiled", () => linq.FilterPageCompiledAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
        };

        // LINQ_PROFILE_CASE keeps the cases whose "scenario/implementation" ends in it (e.g. "projection/Linq", for a CPU profile of one).
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_CASE") is { Length: > 0 } only)
        {
            cases = [.. cases.Where(c => $"{c.Scenario}/{c.Implementation}".EndsWith(only, StringComparison.Ordinal))];
        }

        return await CpuPerCallMeter.MeasureAsync(cases, calls, Rounds, warmUpBatch: 50);
    }
}
