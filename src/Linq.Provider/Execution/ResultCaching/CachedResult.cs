using System.ComponentModel;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// A cached result and when it was read. Sealed and marked immutable so HybridCache keeps the instance in its memory
/// tier instead of serializing it; callers get a copy of a list (see <see cref="ResultCache"/>).
/// </summary>
[ImmutableObject(true)]
internal sealed class CachedResult<T>(T value, DateTimeOffset readAt) : ICachedResult
{
    public T Value { get; } = value;

    public DateTimeOffset ReadAt { get; } = readAt;
}

/// <summary>Marks the in-memory result entries, for <see cref="ResultSerializerFactory"/>.</summary>
internal interface ICachedResult;
