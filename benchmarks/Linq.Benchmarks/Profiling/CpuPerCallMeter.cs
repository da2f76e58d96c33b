using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Linq.Benchmarks.Profiling;

/// <summary>One call of a CPU-per-call profile: its scenario (the first case of a scenario is its baseline), its implementation and the call.</summary>
public readonly record struct ProfiledCall(string Scenario, string Implementation, Func<Task> Call);

/// <summary>
/// The measurement shared by <see cref="CpuPerCall"/> and <see cref="RelationCpuPerCall"/>: the process's CPU time
/// (<see cref="Process.TotalProcessorTime"/>, every thread of this process, the server being another process) and
/// <see cref="GC.GetTotalAllocatedBytes"/> over many sequential calls. Unlike wall-clock time, neither counts what other
/// processes on a loaded machine take, so the ratios hold up where BenchmarkDotNet's times do not. The implementations
/// run in alternating rounds (forward, then backward), so a change of clock speed or cache pressure is shared.
/// </summary>
public static class CpuPerCallMeter
{
    public static async Task<string> MeasureAsync(ProfiledCall[] cases, int calls, int rounds, int warmUpBatch)
    {
        // Warm-up well past the JIT's second tier (30 calls, then a quiet 100 ms) and the shapers' background compile.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var profiled in cases)
            {
                for (var i = 0; i < warmUpBatch; i++)
                {
                    await profiled.Call();
                }
            }
        }

        var cpu = new double[cases.Length][];
        var wall = new double[cases.Length][];
        var bytes = new double[cases.Length];
        var voluntary = new double[cases.Length];
        var involuntary = new double[cases.Length];
        var collections = new double[cases.Length];
        var paused = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            cpu[c] = new double[rounds];
            wall[c] = new double[rounds];
        }

        var process = Process.GetCurrentProcess();
        var each = Math.Max(1, calls / rounds);
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = round % 2 == 0 ? k : cases.Length - 1 - k;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var switchesBefore = ContextSwitches.Now();
                var collectionsBefore = GC.CollectionCount(0);
                var pausedBefore = GC.GetTotalPauseDuration();
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < each; i++)
                {
                    await cases[c].Call();
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                var switches = ContextSwitches.Now();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                collections[c] += (double)(GC.CollectionCount(0) - collectionsBefore) * 1000 / each / rounds;
                paused[c] += (GC.GetTotalPauseDuration() - pausedBefore).TotalMicroseconds / each / rounds;
                process.Refresh();
                cpu[c][round] = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / each;
                wall[c][round] = elapsed.TotalMicroseconds / each;
                bytes[c] += (double)allocated / each / rounds;
                voluntary[c] += (double)(switches.Voluntary - switchesBefore.Voluntary) / each / rounds;
                involuntary[c] += (double)(switches.Involuntary - switchesBefore.Involuntary) / each / rounds;
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Client CPU per call (process CPU time, all threads) and bytes allocated per call, {each * rounds} sequential calls per implementation in {rounds} alternating rounds after a 3 s warm-up; median of the rounds.");
        text.AppendLine();
        text.AppendLine("The CPU ratio is the median over the rounds of each round's ratio to the hand-written calls of the same round (interquartile range in brackets): the rounds pair up calls made under the same load.");
        text.AppendLine();
        text.AppendLine("Wall µs per call is the median of the rounds (it includes the server's time and, on a loaded machine, everyone else's); context switches per call are every thread's (`getrusage`), voluntary (waits) / involuntary (time slices taken away); garbage collections (all generations; gen0 counts every one) per 1,000 calls and the runtime's total GC pause per call.");
        text.AppendLine();
        text.AppendLine("| scenario | implementation | CPU µs per call | CPU ÷ hand-written | wall µs per call | context switches per call | allocated per call | allocated ÷ hand-written | GCs per 1,000 calls | GC pause µs per call |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var c = 0; c < cases.Length; c++)
        {
            var baseline = Array.FindIndex(cases, x => x.Scenario == cases[c].Scenario);
            var ratios = cpu[c].Select((value, round) => value / cpu[baseline][round]).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cases[c].Scenario} | {cases[c].Implementation} | {Median(cpu[c]):0.0} | {Median(ratios):0.00} ({ratios[ratios.Length / 4]:0.00}–{ratios[ratios.Length * 3 / 4]:0.00}) | {Median(wall[c]):0.0} | {voluntary[c]:0.0} / {involuntary[c]:0.0} | {bytes[c] / 1024:0.00} KB | {bytes[c] / bytes[baseline]:0.00} | {collections[c]:0.00} | {paused[c]:0.00} |");
        }

        return text.ToString();
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
