using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The client's result cache over a <see cref="HybridCache"/>: one entry per statement text and bound values, tagged
/// with the tables the statement reads. Results live in HybridCache's in-memory tier only (entries are written with
/// <see cref="HybridCacheEntryFlags.DisableDistributedCache"/>): a result is a graph of model objects, and serializing
/// arbitrary graphs for a distributed tier would take reflection (not AOT-safe) and cannot keep cycles. Stale-while-
/// revalidate is done here (HybridCache has none): an entry lives ttl + swr; a read of an entry older than ttl returns
/// it and starts one background refresh per key.
/// </summary>
internal sealed class ResultCache(HybridCache cache, string database, string server, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte> _refreshing = new();

    /// <summary>A result cache for the database a connection string names (its host and port are part of every key).</summary>
    public static ResultCache For(HybridCache cache, string connectionString, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new ResultCache(cache, database ?? "", builder.Host + ":" + builder.Port, TimeProvider.System);
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
        var entry = await cache.GetOrCreateAsync(key, (run, time), static async (state, token) =>
            new CachedResult<TResult>(await state.run(token).ConfigureAwait(false), state.time.GetUtcNow()), options, tags, cancellationToken).ConfigureAwait(false);
        if (time.GetUtcNow() - entry.ReadAt > policy.Ttl && _refreshing.TryAdd(key, 0))
        {
            _ = RefreshAsync(key, run, options, tags);
        }

        return copy(entry.Value);
    }

    // The stale entry was returned; the refresh runs on its own (its failure keeps the stale entry until it expires).
    private async Task RefreshAsync<TResult>(string key, Func<CancellationToken, Task<TResult>> run, HybridCacheEntryOptions options, string[] tags)
    {
        try
        {
            await Task.Yield();
            var value = await run(CancellationToken.None).ConfigureAwait(false);
            await cache.SetAsync(key, new CachedResult<TResult>(value, time.GetUtcNow()), options, tags).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a background refresh has no caller to report to; the next read after expiry runs the query itself
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _refreshing.TryRemove(key, out _);
        }
    }

    /// <summary>Invalidates the entries with any of <paramref name="tags"/> (after a write through the client committed).</summary>
    public ValueTask InvalidateAsync(IEnumerable<string> tags) => cache.RemoveByTagAsync(tags, CancellationToken.None);

    private static HybridCacheEntryOptions Options(CachePolicy policy) => new()
    {
        Expiration = policy.Ttl + policy.StaleWhileRevalidate,
        LocalCacheExpiration = policy.Ttl + policy.StaleWhileRevalidate,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };
}
