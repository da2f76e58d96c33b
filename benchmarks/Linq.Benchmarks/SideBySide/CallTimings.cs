using System.Diagnostics;

namespace Linq.Benchmarks.SideBySide;

/// <summary>Median, mean and 95th percentile of one implementation's calls in one scenario, in microseconds.</summary>
public sealed record CallTimings(string Scenario, string Implementation, double MedianUs, double MeanUs, double P95Us, int Calls)
{
    /// <summary>
    /// The harness of <c>benchmarks/prisma/bench.ts</c>, in C#: <paramref name="warmup"/> calls, then up to
    /// <paramref name="iterations"/> timed calls (at least 10, stopping after <paramref name="maxSeconds"/>), one at a
    /// time. <paramref name="prepare"/> (e.g. a fresh e-mail) and <paramref name="cleanup"/> (every
    /// <paramref name="cleanupEvery"/> calls, and after the run) stay outside the timing, as in the Node script, so both
    /// sides measure the same thing the same way.
    /// </summary>
    public static async Task<CallTimings> MeasureAsync(
        string scenario, string implementation, Func<string, Task> call, int warmup, int iterations, double maxSeconds,
        Func<string>? prepare = null, Func<Task>? cleanup = null, int cleanupEvery = 0)
    {
        prepare ??= static () => "";
        for (var i = 0; i < warmup; i++)
        {
            await call(prepare());
            if (cleanupEvery > 0 && (i + 1) % cleanupEvery == 0)
            {
                await cleanup!();
            }
        }

        if (cleanup is not null)
        {
            await cleanup();
        }

        var times = new List<double>(iterations);
        var deadline = Stopwatch.StartNew();
        for (var i = 0; i < iterations && (i < 10 || deadline.Elapsed.TotalSeconds < maxSeconds); i++)
        {
            var argument = prepare();
            var start = Stopwatch.GetTimestamp();
            await call(argument);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            if (cleanupEvery > 0 && (i + 1) % cleanupEvery == 0)
            {
                await cleanup!();
            }
        }

        if (cleanup is not null)
        {
            await cleanup();
        }

        times.Sort();
        var n = times.Count;
        var median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
        var timings = new CallTimings(scenario, implementation, median, times.Average(), times[Math.Min(n - 1, (int)(n * 0.95))], n);
        Console.WriteLine($"// {scenario,-24} {implementation,-24} median {median,10:0.0} µs  mean {timings.MeanUs,10:0.0} µs  ({n} calls)");
        return timings;
    }
}
