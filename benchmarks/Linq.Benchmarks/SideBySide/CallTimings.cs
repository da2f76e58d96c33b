using System.Diagnostics;

namespace Linq.Benchmarks.SideBySide;

/// <summary>Median, mean and 95th percentile of one implementation's calls in one scenario, in microseconds.</summary>
public sealed record CallTimings(string Scenario, string Implementation, double MedianUs, double MeanUs, double P95Us, int Calls)
{
    /// <summary>
    /// Hand-written Npgsql and Linq of one scenario, call by call in alternation (the order swapped every round), each
    /// warmed up for at least <paramref name="warmup"/> calls and <see cref="MinWarmup"/>, and until the JIT has settled
    /// (<see cref="JitSettling"/>): measured one after the other,
    /// the first implementation of a fresh process ran while the second still had its code at tier 0 of the JIT (the
    /// runtime recompiles a method only after 30 calls and a quiet 100 ms), and a change in the machine's load between
    /// the two runs went to one side only. <paramref name="prepare"/> and <paramref name="cleanup"/> as in
    /// <see cref="MeasureAsync"/>; a cleanup runs every <paramref name="cleanupEvery"/> rounds.
    /// </summary>
    public static async Task<List<CallTimings>> MeasurePairAsync(
        string scenario, (string Name, Func<string, Task> Call)[] implementations, int warmup, int iterations, double maxSeconds,
        Func<string>? prepare = null, Func<Task>? cleanup = null, int cleanupEvery = 0)
    {
        prepare ??= static () => "";
        var warming = Stopwatch.StartNew();
        var jit = new JitSettling();
        for (var i = 0; i < warmup || warming.Elapsed < MinWarmup || !jit.Settled(); i++)
        {
            foreach (var (_, call) in implementations)
            {
                await call(prepare());
            }

            if (cleanupEvery > 0 && (i + 1) % cleanupEvery == 0)
            {
                await cleanup!();
            }
        }

        if (cleanup is not null)
        {
            await cleanup();
        }

        var times = implementations.Select(_ => new List<double>(iterations)).ToArray();
        var deadline = Stopwatch.StartNew();
        // Each round times every implementation, so the budget is shared: the same number of calls on each side.
        for (var i = 0; i < iterations && (i < 10 || deadline.Elapsed.TotalSeconds < maxSeconds * implementations.Length); i++)
        {
            for (var k = 0; k < implementations.Length; k++)
            {
                var which = i % 2 == 0 ? k : implementations.Length - 1 - k;
                var argument = prepare();
                var start = Stopwatch.GetTimestamp();
                await implementations[which].Call(argument);
                times[which].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            if (cleanupEvery > 0 && (i + 1) % cleanupEvery == 0)
            {
                await cleanup!();
            }
        }

        if (cleanup is not null)
        {
            await cleanup();
        }

        return [.. implementations.Select((implementation, k) => Summarize(scenario, implementation.Name, times[k]))];
    }

    /// <summary>The least warm-up of a scenario (the Node side's <c>--warmup-seconds</c> is the same).</summary>
    public static readonly TimeSpan MinWarmup = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The harness of <c>benchmarks/prisma/bench.ts</c>, in C#: <paramref name="warmup"/> calls (and
    /// <see cref="MinWarmup"/>, and until the JIT has settled), then up to
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
        var warming = Stopwatch.StartNew();
        var jit = new JitSettling();
        for (var i = 0; i < warmup || warming.Elapsed < MinWarmup || !jit.Settled(); i++)
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

        return Summarize(scenario, implementation, times);
    }

    private static CallTimings Summarize(string scenario, string implementation, List<double> times)
    {
        times.Sort();
        var n = times.Count;
        var median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
        var timings = new CallTimings(scenario, implementation, median, times.Average(), times[Math.Min(n - 1, (int)(n * 0.95))], n);
        Console.WriteLine($"// {scenario,-24} {implementation,-24} median {median,10:0.0} µs  mean {timings.MeanUs,10:0.0} µs  ({n} calls)");
        return timings;
    }
}
