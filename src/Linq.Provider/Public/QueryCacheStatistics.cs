using Linq.Querying.Caching;

namespace Linq;

/// <summary>
/// The counters of a client's query plan cache: queries that differ only in values share one plan (no re-parsing,
/// no SQL generation), and these numbers show it working. A read-only view: the cache itself is internal.
/// </summary>
public sealed class QueryCacheStatistics
{
    private readonly QueryCache _cache;

    internal QueryCacheStatistics(QueryCache cache) => _cache = cache;

    /// <summary>The most plans kept (<see cref="LinqDatabaseOptions.QueryCacheSize"/>).</summary>
    public int Capacity => _cache.Capacity;

    /// <summary>Plans currently cached.</summary>
    public int Count => _cache.Count;

    /// <summary>Executions that reused a plan (no parsing, no SQL generation).</summary>
    public long Hits => _cache.Hits;

    /// <summary>Executions that had to build a plan.</summary>
    public long Misses => _cache.Misses;

    /// <summary>Plans dropped to stay within <see cref="Capacity"/>.</summary>
    public long Evictions => _cache.Evictions;

    /// <summary>Drops every plan and resets the counters.</summary>
    public void Clear() => _cache.Clear();
}
