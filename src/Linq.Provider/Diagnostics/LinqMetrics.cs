using System.Diagnostics.Metrics;

namespace Linq.Diagnostics;

/// <summary>
/// The instruments of the <c>Linq</c> meter: the conventions' <c>db.client.operation.duration</c> histogram, the plan
/// caches of the live clients (observed only when someone listens), transaction retries and timeouts, N+1 reports.
/// </summary>
internal static class LinqMetrics
{
    private static readonly Meter Meter = new(LinqDiagnostics.MeterName);
    private static readonly List<TrackedCache> Caches = [];

    /// <summary>Duration of one operation in seconds, with the conventions' bucket advice.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "db.client.operation.duration", "s", "Duration of database client operations.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });

    public static readonly Counter<long> TransactionRetries = Meter.CreateCounter<long>(
        "linq.transaction.retries", "{retry}", "Interactive transactions run again after a conflict (P2034).");

    public static readonly Counter<long> TransactionTimeouts = Meter.CreateCounter<long>(
        "linq.transaction.timeouts", "{timeout}", "Interactive transactions rolled back because they ran past their timeout (P2028).");

    public static readonly Counter<long> NPlusOneDetections = Meter.CreateCounter<long>(
        "linq.n_plus_one.detected", "{shape}", "Statement shapes the N+1 detector reported (once per shape and scope).");

    static LinqMetrics()
    {
        Meter.CreateObservableCounter("linq.query_cache.hits", () => Observe(static c => c.Hits), "{hit}",
            "Executions that reused a cached query plan.");
        Meter.CreateObservableCounter("linq.query_cache.misses", () => Observe(static c => c.Misses), "{miss}",
            "Executions that had to build a query plan.");
        Meter.CreateObservableUpDownCounter("linq.query_cache.size", () => Observe(static c => (long)c.Count), "{plan}",
            "Query plans currently cached.");
    }

    /// <summary>Observes a client's plan cache from now on, while the client lives (a weak reference: no leak).</summary>
    public static void Track(QueryCacheStatistics cache, string? database)
    {
        var tags = new KeyValuePair<string, object?>[]
        {
            new(DbAttributes.SystemName, DbAttributes.Postgresql),
            new(DbAttributes.Namespace, database),
        };
        lock (Caches)
        {
            Caches.Add(new TrackedCache(new WeakReference<QueryCacheStatistics>(cache), database, tags));
        }
    }

    // Clients of one database report one series: two clients reporting the same attributes would look like one
    // counter jumping back and forth.
    private static List<Measurement<long>> Observe(Func<QueryCacheStatistics, long> read)
    {
        lock (Caches)
        {
            Caches.RemoveAll(c => !c.Cache.TryGetTarget(out _));
            var sums = new Dictionary<string, (long Value, KeyValuePair<string, object?>[] Tags)>(StringComparer.Ordinal);
            foreach (var tracked in Caches)
            {
                if (tracked.Cache.TryGetTarget(out var cache))
                {
                    var key = tracked.Database ?? "";
                    sums[key] = sums.TryGetValue(key, out var sum) ? (sum.Value + read(cache), sum.Tags) : (read(cache), tracked.Tags);
                }
            }

            return [.. sums.Values.Select(s => new Measurement<long>(s.Value, s.Tags))];
        }
    }

    private sealed record TrackedCache(WeakReference<QueryCacheStatistics> Cache, string? Database, KeyValuePair<string, object?>[] Tags);
}
