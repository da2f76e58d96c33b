using System.Diagnostics;

namespace Linq.Benchmarks.SideBySide;

/// <summary>
/// Operations per second of <see cref="Callers"/> concurrent callers over one pool, with the CPU time the client process
/// and the PostgreSQL server processes used per operation (null where not measured).
/// </summary>
public sealed record ThroughputResult(string Scenario, string Implementation, int Callers, double Seconds, long Operations,
    double? ClientCpuUsPerOp = null, double? ServerCpuUsPerOp = null)
{
    public double OpsPerSecond => Operations / Seconds;

    /// <summary>Client and server CPU together as a share of the machine's cores over the run (1.00: every core busy).</summary>
    public double? MachineBusy => ClientCpuUsPerOp is { } client && ServerCpuUsPerOp is { } server
        ? (client + server) * Operations / 1e6 / Seconds / Environment.ProcessorCount
        : null;

    /// <summary>
    /// <paramref name="callers"/> asynchronous loops calling <paramref name="call"/> back to back for
    /// <paramref name="seconds"/> (after one second of warm-up), counting the calls that completed in time: the
    /// shape of the Node script's run (async callers on one event loop there, on the thread pool here).
    /// </summary>
    public static async Task<ThroughputResult> RunAsync(string scenario, string implementation, Func<Task> call, int callers, double seconds)
    {
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => LoopAsync(call, TimeSpan.FromSeconds(1))));
        var process = Process.GetCurrentProcess();
        var (client, server) = (process.TotalProcessorTime, ServerCpu.Total());
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => LoopAsync(call, TimeSpan.FromSeconds(seconds))));
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var operations = counts.Sum();
        var clientUs = (process.TotalProcessorTime - client).TotalMicroseconds / operations;
        var serverUs = server is { } before && ServerCpu.Total() is { } after ? (after - before).TotalMicroseconds / operations : (double?)null;
        var result = new ThroughputResult(scenario, implementation, callers, elapsed, operations, clientUs, serverUs);
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
