namespace Linq.Querying.Batching;

/// <summary>The bounds of <see cref="FindBatcher{T}"/> (settable only for the benchmarks that chose them, docs/performance.md).</summary>
internal static class FindBatchLimits
{
    /// <summary>
    /// Statements of one plan in flight before callers queue. Measured at 4, 16 and 64 callers (1, 2, 4, 8): with 1 the
    /// callers wait a whole round trip more often than needed, with more the batches get smaller and the server does
    /// more statements per find.
    /// </summary>
    public static int MaxInFlight { get; set; } = 2;

    /// <summary>The most callers in one statement; the rest form the next batch.</summary>
    public static int MaxBatch { get; set; } = 100;
}
