using System.Collections.Concurrent;

namespace Linq.Querying.Caching;

/// <summary>
/// The query plan cache of one database client: shape → compiled plan (a query's, or a write filter's). Thread-safe;
/// a plan is built once even when many threads miss at the same time; bounded, evicting the least recently used tenth when full.
/// </summary>
internal sealed class QueryCache
{
    private readonly ConcurrentDictionary<long[], Entry> _entries = new(ShapeComparer.Instance);
    private readonly ConcurrentDictionary<long[], Entry>.AlternateLookup<ReadOnlySpan<long>> _lookup;
    private readonly object _evictionLock = new();
    private readonly StripedCounter _hits = new();
    private long _misses;
    private long _evictions;

    public QueryCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<long>>();
    }

    /// <summary>The most plans kept.</summary>
    public int Capacity { get; }

    /// <summary>Plans currently cached.</summary>
    public int Count => _entries.Count;

    /// <summary>Executions that reused a plan (no parsing, no SQL generation).</summary>
    public long Hits => _hits.Value;

    /// <summary>Executions that had to build a plan.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Plans dropped to stay within <see cref="Capacity"/>.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Drops every plan and resets the counters.</summary>
    public void Clear()
    {
        _entries.Clear();
        _hits.Reset();
        Interlocked.Exchange(ref _misses, 0);
        Interlocked.Exchange(ref _evictions, 0);
    }

    internal TPlan GetOrAdd<TState, TPlan>(ReadOnlySpan<long> shape, Func<TState, TPlan> build, TState state)
        where TPlan : class
    {
        // A coarse clock (milliseconds) written at most once per millisecond per plan: concurrent callers of one plan
        // do not write its entry's cache line on every hit, nor share an incremented clock. Eviction drops the least
        // recently used tenth, which needs no finer order.
        var now = Environment.TickCount64;
        if (_lookup.TryGetValue(shape, out var found))
        {
            _hits.Increment();
            if (found.LastUsed != now)
            {
                found.LastUsed = now;
            }

            return (TPlan)found.Plan.Value;
        }

        return Add(shape, build, state, now);
    }

    // The miss, apart: a lambda capturing parameters makes its closure object on entry to the method that declares it,
    // so in GetOrAdd itself every hit would allocate it.
    private TPlan Add<TState, TPlan>(ReadOnlySpan<long> shape, Func<TState, TPlan> build, TState state, long now)
        where TPlan : class
    {
        var entry = new Entry(new Lazy<object>(() => build(state), LazyThreadSafetyMode.ExecutionAndPublication)) { LastUsed = now };
        var winner = _entries.GetOrAdd(shape.ToArray(), entry);
        if (ReferenceEquals(winner, entry))
        {
            Interlocked.Increment(ref _misses);
        }
        else
        {
            _hits.Increment();
        }

        TPlan plan;
        try
        {
            plan = (TPlan)winner.Plan.Value;
        }
        catch
        {
            // A shape that cannot be translated is not cached: the next attempt reports the error afresh.
            _entries.TryRemove(new KeyValuePair<long[], Entry>(shape.ToArray(), winner));
            throw;
        }

        if (_entries.Count > Capacity)
        {
            Evict();
        }

        return plan;
    }

    private void Evict()
    {
        lock (_evictionLock)
        {
            var excess = _entries.Count - Capacity;
            if (excess <= 0)
            {
                return;
            }

            var victims = _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(excess, Capacity / 10)).ToList();
            foreach (var victim in victims)
            {
                if (_entries.TryRemove(victim))
                {
                    Interlocked.Increment(ref _evictions);
                }
            }
        }
    }

    private sealed class Entry(Lazy<object> plan)
    {
        public Lazy<object> Plan { get; } = plan;

        public long LastUsed { get; set; }
    }
}
