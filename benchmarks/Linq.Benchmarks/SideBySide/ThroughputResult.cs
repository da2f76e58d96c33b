using System.Diagnostics;

namespace Linq.Benchmarks.SideBySide;

/// <summary>Operations per second of <see cref="Callers"/> concurrent callers over one pool.</summary>
public sealed record ThroughputResult(string Scenario, string Implementation, int Callers, double Seconds, long Operations)
{
    public double OpsPerSecond => Operations / Seconds;

    /// <summary>
    /// <paramref name="callers"/> asynchronous loops calling <paramref name="call"/> back to back for
    /// <paramref name="seconds"/> (after one second of warm-up), counting the calls that completed in time: the
    /// shape of the Node script's run (async callers on one event loop there, on the thread pool here).
    /// </summary>
    public static async Task<ThroughputResult> RunAsync(string scenario, string implementation, Func<Task> call, int callers, double seconds)
    {
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => LoopAsync(call, TimeSpan.FromSeconds(1))));
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => LoopAsync(call, TimeSpan.FromSeconds(seconds))));
        var result = new ThroughputResult(scenario, implementation, callers, clock.Elapsed.TotalSeconds, counts.Sum());
        Console.WriteLine($"// throughput {scenario,-14} {implementation,-12} {callers} callers {result.Seconds:0.0} s: {result.OpsPerSecond:0} ops/s");
        return result;
    }

    private static async Task<long> LoopAsync(Func<Task> call, TimeSpan duration)
    {
        // Start on the thread pool, so that the callers run in parallel from the first call.
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed < duration)
        {
            await call();
            done++;
        }

        return done;
    }
}
