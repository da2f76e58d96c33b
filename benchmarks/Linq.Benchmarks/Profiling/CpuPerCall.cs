using System.Diagnostics;
using System.Globalization;
using System.Text;
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
        var cases = new (string Scenario, string Implementation, Func<Task> Call)[]
        {
            ("find by unique e-mail", "hand-written", () => hand.FindUserByEmailAsync(Workload.FindEmail)),
            ("find by unique e-mail", "Linq FindUniqueAsync", () => linq.FindUserByEmailAsync(Workload.FindEmail)),
            ("find by unique e-mail", "Linq compiled", () => linq.FindUserByEmailCompiledAsync(Workload.FindEmail)),
            ("filter + order + offset + projection", "hand-written", () => hand.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            ("filter + order + offset + projection", "Linq", () => linq.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            ("filter + order + offset + projection", "Linq compiled", () => linq.FilterPageCompiledAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
        };

        // Warm-up well past the JIT's second tier (30 calls, then a quiet 100 ms) and the shapers' background compile.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var (_, _, call) in cases)
            {
                for (var i = 0; i < 50; i++)
                {
                    await call();
                }
            }
        }

        var cpu = new double[cases.Length][];
        var bytes = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            cpu[c] = new double[Rounds];
        }

        var process = Process.GetCurrentProcess();
        var each = Math.Max(1, calls / Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = round % 2 == 0 ? k : cases.Length - 1 - k;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < each; i++)
                {
                    await cases[c].Call();
                }

                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                process.Refresh();
                cpu[c][round] = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / each;
                bytes[c] += (double)allocated / each / Rounds;
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Client CPU per call (process CPU time, all threads) and bytes allocated per call, {each * Rounds} sequential calls per implementation in {Rounds} alternating rounds after a 3 s warm-up; median of the rounds.");
        text.AppendLine();
        text.AppendLine("The CPU ratio is the median over the rounds of each round's ratio to the hand-written calls of the same round (interquartile range in brackets): the rounds pair up calls made under the same load.");
        text.AppendLine();
        text.AppendLine("| scenario | implementation | CPU µs per call | CPU ÷ hand-written | allocated per call | allocated ÷ hand-written |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        for (var c = 0; c < cases.Length; c++)
        {
            var baseline = Array.FindIndex(cases, x => x.Scenario == cases[c].Scenario);
            var ratios = cpu[c].Select((value, round) => value / cpu[baseline][round]).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cases[c].Scenario} | {cases[c].Implementation} | {Median(cpu[c]):0.0} | {Median(ratios):0.00} ({ratios[ratios.Length / 4]:0.00}–{ratios[ratios.Length * 3 / 4]:0.00}) | {bytes[c] / 1024:0.00} KB | {bytes[c] / bytes[baseline]:0.00} |");
        }

        return text.ToString();
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
