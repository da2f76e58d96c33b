using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The client's result cache over a <see cref="HybridCache"/>: one entry per statement text and bound values, tagged
/// with the tables the statement reads. Every result has an in-memory entry holding the objects themselves (written
/// with <see cref="HybridCacheEntryFlags.DisableDistributedCache"/>: a graph of model objects cannot be serialized
/// without reflection, and cycles could not be kept); scalars and lists of scalars also have a distributed entry of
/// bytes (see the Distributed part). Stale-while-revalidate is done here (HybridCache has none): an entry lives
/// ttl + swr; a read of an entry older than ttl returns it and starts one background refresh per key.
/// </summary>
internal sealed partial class ResultCache(HybridCache cache, string database, string server, TimeProvider time, TimeSpan? localExpiration)
{
    private readonly ConcurrentDictionary<string, byte> _refreshing = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    /// <summary>A result cache for the database a connection string names (its host and port are part of every key).</summary>
    public static ResultCache For(HybridCache cache, string connectionString, string? database, TimeProvider time, TimeSpan? localExpiration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new ResultCache(cache, database ?? "", builder.Host + ":" + builder.Port, time, localExpiration);
    }

    public HybridCache Cache => cache;

    public string Database => database;

    /// <summary>
    /// The cached result of <paramref name="run"/> for this statement (and its <paramref name="followUps"/>' texts, for tags) and parameters, or a fresh one. <paramref name="copy"/>
    /// makes the caller's own container (a new list), so no caller sees another's Add/Remove.
    /// </summary>
    public async Task<TResult> GetOrRunAsync<TResult>(string sql, Func<IEnumerable<string>> followUps, NpgsqlParameter[] parameters, CachePolicy policy,
        Func<CancellationToken, Task<TResult>> run, Func<TResult, TResult> copy, CancellationToken cancellationToken)
    {
        if (CacheKey.Of(database, server, sql, parameters) is not { } key)
        {
            // A value the key cannot encode exactly: never risk sharing an entry, run uncached.
            return await run(cancellationToken).ConfigureAwait(false);
        }

        var tags = CacheTags.Reads(database, sql, followUps);
        var options = Options(policy);
        // Taken before the lookup (a dictionary read per tag, no allocation): a miss compares it after its query ran.
        var generation = Generation(tags);
        CachedResult<TResult> entry;
        try
        {
            // Scalars and lists of scalars also live in the distributed tier (as bytes; see ScalarCodec); other results in memory only.
            entry = ScalarCodec.Supports<TResult>()
                ? await cache.GetOrCreateAsync(key, (owner: this, key, tags, run, generation, policy),
                    static (state, token) => state.owner.DistributedAsync(state.key, state.tags, state.run, state.generation, state.policy, token), options, tags, cancellationToken).ConfigureAwait(false)
                : await cache.GetOrCreateAsync(key, (owner: this, tags, run, generation),
                    static (state, token) => state.owner.MissAsync(state.tags, state.run, state.generation, token), options, tags, cancellationToken).ConfigureAwait(false);
        }
        catch (SupersededReadException superseded) when (superseded.Value is CachedResult<TResult> read)
        {
            // A write to the tables this read came in while it ran: its rows are returned (as an uncached read that
            // overlapped the write would be) but not stored.
            return copy(read.Value);
        }

        if (Generation(tags) != generation)
        {
            // An invalidation during this call, perhaps after a miss's check and before HybridCache stored its rows:
            // the entry goes (at worst a fresh entry of another caller, costing one more miss).
            await cache.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }

        if (time.GetUtcNow() - entry.ReadAt > policy.Ttl && _refreshing.TryAdd(key, 0))
        {
            _ = RefreshAsync(key, run, options, tags, policy);
        }

        return copy(entry.Value);
    }

    // The stale entry was returned; the refresh runs on its own (its failure keeps the stale entry until it expires).
    private async Task RefreshAsync<TResult>(string key, Func<CancellationToken, Task<TResult>> run, HybridCacheEntryOptions options, string[] tags, CachePolicy policy)
    {
        try
        {
            await Task.Yield();
            var generation = Generation(tags);
            TResult value;
            if (ScalarCodec.Supports<TResult>())
            {
                // The distributed copy is refreshed too (with the versions its tags had before the query ran).
                var versions = await VersionsAsync(tags, CancellationToken.None).ConfigureAwait(false);
                var (read, payload) = await RecordAsync(tags, run, generation, versions, CancellationToken.None).ConfigureAwait(false);
                await cache.SetAsync(key + DistributedSuffix, payload, DistributedOptions(policy), null, CancellationToken.None).ConfigureAwait(false);
                value = read.Value;
            }
            else
            {
                value = await run(CancellationToken.None).ConfigureAwait(false);
            }

            // A write committed and invalidated while the refresh read: its rows may predate the write, so they are
            // dropped (the stale entry was invalidated by the write; the next read runs the query).
            if (Generation(tags) == generation)
            {
                await cache.SetAsync(key, new CachedResult<TResult>(value, time.GetUtcNow()), options, tags).ConfigureAwait(false);
                if (Generation(tags) != generation)
                {
                    await cache.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // a background refresh has no caller to report to; the next read after expiry runs the query itself
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _refreshing.TryRemove(key, out _);
            RefreshFinished?.Invoke(key);
        }
    }

    /// <summary>Called when a background refresh ended (stored, dropped or failed); tests wait on it instead of sleeping.</summary>
    internal Action<string>? RefreshFinished { get; set; }

    /// <summary>
    /// Invalidates the entries with any of <paramref name="tags"/> (after a write through the client committed). Each
    /// tag's generation moves first, so a read of those tables still running (a miss or a background refresh that
    /// started before the commit) sees it and does not store rows from before the write.
    /// </summary>
    public async ValueTask InvalidateAsync(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            _generations.AddOrUpdate(tag, 1, static (_, generation) => generation + 1);
        }

        await cache.RemoveByTagAsync(tags, CancellationToken.None).ConfigureAwait(false);
        await NewVersionsAsync(tags).ConfigureAwait(false);
    }

    // The sum of the tags' invalidation counts (each only grows, so the sum changes exactly when one of them does).
    private long Generation(string[] tags)
    {
        long sum = 0;
        foreach (var tag in tags)
        {
            if (_generations.TryGetValue(tag, out var generation))
            {
                sum += generation;
            }
        }

        return sum;
    }

    // A miss: the query, unless a write to its tables was invalidated since the call began (then its rows are not stored).
    private async ValueTask<CachedResult<TResult>> MissAsync<TResult>(string[] tags, Func<CancellationToken, Task<TResult>> run, long generation, CancellationToken cancellationToken)
    {
        var read = new CachedResult<TResult>(await run(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
        if (Generation(tags) != generation)
        {
            throw new SupersededReadException(read);
        }

        return read;
    }

    // In memory for ttl + swr, or less when options.ResultCacheLocalExpiration bounds how long an instance keeps a result
    // another instance's write may have invalidated (HybridCache cannot tell other instances' memory).
    private HybridCacheEntryOptions Options(CachePolicy policy) => new()
    {
        Expiration = policy.Ttl + policy.StaleWhileRevalidate,
        LocalCacheExpiration = localExpiration is { } local && local < policy.Ttl + policy.StaleWhileRevalidate ? local : policy.Ttl + policy.StaleWhileRevalidate,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };
}
