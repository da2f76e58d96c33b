using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Hybrid;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The distributed (L2) tier of results <see cref="ScalarCodec"/> carries. The in-memory entry (an object, as for every
/// result) is filled from a second entry, "&lt;key&gt;:l2", that lives only in the distributed cache as bytes: when it
/// was read, the versions of its tags when its query began, and the value. A write through any client puts a new
/// random version of each table it wrote in the distributed cache ("linqv:&lt;tag&gt;"); an entry whose versions are
/// not the current ones is not used (its query runs again). HybridCache's own tag invalidation is not relied on across
/// instances: another instance caches a tag's invalidation time once seen and never reads it again.
/// </summary>
internal sealed partial class ResultCache
{
    private const string DistributedSuffix = ":l2";
    private const byte PayloadFormat = 1;

    // Read without a memory copy and never written by a read: a missing version reads as 0 (never invalidated).
    private static readonly HybridCacheEntryOptions VersionRead = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    // Versions outlive any entry they guard (a cached result of more than 30 days is not expected).
    private static readonly HybridCacheEntryOptions VersionWrite = new()
    {
        Expiration = TimeSpan.FromDays(30),
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    private static string VersionKey(string tag) => "linqv:" + tag;

    private static HybridCacheEntryOptions DistributedOptions(CachePolicy policy) => new()
    {
        Expiration = policy.Ttl + policy.StaleWhileRevalidate,
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    // A memory miss of a scalar result: the distributed entry when its versions are current, else the query (stored in both tiers).
    private async ValueTask<CachedResult<TResult>> DistributedAsync<TResult>(string key, string[] tags, Func<CancellationToken, Task<TResult>> run, long generation,
        CachePolicy policy, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(tags, cancellationToken).ConfigureAwait(false);
        CachedResult<TResult>? ran = null;
        var payload = await cache.GetOrCreateAsync(key + DistributedSuffix, (owner: this, tags, run, generation, versions),
            static async (state, token) => (await state.owner.RecordAsync(state.tags, state.run, state.generation, state.versions, token).ConfigureAwait(false)).Payload,
            DistributedOptions(policy), null, cancellationToken).ConfigureAwait(false);
        if (Decode<TResult>(payload, versions) is { } read)
        {
            return read;
        }

        // Stored before a write another client made (or unreadable): read again, and replace it.
        (ran, payload) = await RecordAsync(tags, run, generation, versions, cancellationToken).ConfigureAwait(false);
        await cache.SetAsync(key + DistributedSuffix, payload, DistributedOptions(policy), null, cancellationToken).ConfigureAwait(false);
        return ran;
    }

    // Runs the query and encodes its result with the tags' versions read before it ran.
    private async Task<(CachedResult<TResult> Read, byte[] Payload)> RecordAsync<TResult>(string[] tags, Func<CancellationToken, Task<TResult>> run, long generation,
        long[] versions, CancellationToken cancellationToken)
    {
        var read = await MissAsync(tags, run, generation, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(PayloadFormat);
            writer.Write(read.ReadAt.UtcTicks);
            writer.Write(versions.Length);
            foreach (var version in versions)
            {
                writer.Write(version);
            }

            ScalarCodec.Write(writer, read.Value);
        }

        return (read, buffer.ToArray());
    }

    // The entry, or null when a tag's version moved since its query began (or the bytes are not this format).
    private static CachedResult<TResult>? Decode<TResult>(byte[] payload, long[] versions)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        if (payload.Length < 13 || reader.ReadByte() != PayloadFormat)
        {
            return null;
        }

        var readAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        if (reader.ReadInt32() != versions.Length)
        {
            return null;
        }

        foreach (var version in versions)
        {
            if (reader.ReadInt64() != version)
            {
                return null;
            }
        }

        return new CachedResult<TResult>(ScalarCodec.Read<TResult>(reader), readAt);
    }

    private async Task<long[]> VersionsAsync(string[] tags, CancellationToken cancellationToken)
    {
        var versions = new long[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            var bytes = await cache.GetOrCreateAsync(VersionKey(tags[i]), static _ => ValueTask.FromResult(Array.Empty<byte>()), VersionRead, null, cancellationToken)
                .ConfigureAwait(false);
            versions[i] = bytes.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;
        }

        return versions;
    }

    // After a write: a new random version of each tag, so no client uses a distributed entry read before it.
    private async Task NewVersionsAsync(IEnumerable<string> tags)
    {
        var writes = new List<Task>();
        foreach (var tag in tags)
        {
            var version = new byte[8];
            RandomNumberGenerator.Fill(version);
            writes.Add(cache.SetAsync(VersionKey(tag), version, VersionWrite, null, CancellationToken.None).AsTask());
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }
}
