using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Hybrid;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The HybridCache serializer of in-memory result entries (<see cref="CachedResult{T}"/>). HybridCache serializes
/// every value it writes to memory too, to know its size (it skips that only when neither tier is written), and
/// without this factory it would use its reflection-based System.Text.Json fallback: not AOT-safe, failing on NaN and
/// infinities, on cycles, and costing a JSON copy of every result. These entries never leave memory (their
/// distributed form, for the results that have one, is a separate byte entry; see <see cref="ScalarCodec"/>), so the
/// serializer writes a one-byte size token and refuses to read.
/// </summary>
internal sealed class ResultSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(ICachedResult).IsAssignableFrom(typeof(T)) ? new SizeOnly<T>() : null;
        return serializer is not null;
    }

    private static ReadOnlySpan<byte> SizeToken => [0];

    private sealed class SizeOnly<T> : IHybridCacheSerializer<T>
    {
        public T Deserialize(ReadOnlySequence<byte> source) =>
            throw new NotSupportedException("A cached query result in memory is never read back from bytes: its entries are written with the distributed tier disabled.");

        public void Serialize(T value, IBufferWriter<byte> target) => target.Write(SizeToken);
    }
}
