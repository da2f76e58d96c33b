using System.Linq.Expressions;
using Linq.Querying.Model;

namespace Linq.Querying.Frontend;

/// <summary>
/// Builds the front end's parser and runs one sample query through it on a thread-pool thread, once per process,
/// when the first client is created.
/// </summary>
/// <remarks>
/// A fresh process pays, on its first query, for building re-linq's parser and JIT-compiling its parse path and our
/// conversion of its model (tens of milliseconds of CPU). A client is created before its first query (the rest of its
/// constructor builds the Npgsql data source, and an application usually creates it at start-up), so this work can
/// run on another core meanwhile instead of before the first row. The sample touches no model type and no server; a
/// first query that comes sooner waits for the parser's type initializer as before, so nothing changes but where the
/// time is spent. Any failure is ignored: the first real query does the same work and reports its own errors.
/// </remarks>
internal static class FrontEndWarmUp
{
    private static int _started;

    /// <summary>Queues the warm-up unless it was queued before in this process.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => Run(), (object?)null, preferLocal: false);
        }
    }

    private static void Run()
    {
        try
        {
            _ = ParseSample();
        }
#pragma warning disable CA1031 // a warm-up; the first real query reports whatever goes wrong here
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Parses the sample (tests check that it parses, so the warm-up is not silently empty).</summary>
    internal static QueryModel ParseSample()
    {
        // The common operators of a first query: a filter with a string method, ordering, paging, a projection.
        // (No anonymous type: its expression node is trim-unsafe, and NativeAOT programs run this too.)
        Expression<Func<IQueryable<string>, IQueryable<int>>> sample = source => source
            .Where(s => s.StartsWith("a") && s.Length > 1)
            .OrderBy(s => s.Length)
            .Skip(1)
            .Take(2)
            .Select(s => s.Length + 1);
        return QueryCompiler.FrontEnd.Parse(sample.Body, sample.Body);
    }
}
