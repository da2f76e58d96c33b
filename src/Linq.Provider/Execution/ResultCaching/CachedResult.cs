using System.ComponentModel;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// A cached result and when it was read. Sealed and marked immutable so HybridCache keeps the instance in its memory
/// tier instead of serializing it; callers get a copy of a list (see <see cref="ResultCache"/>).
/// </summary>
[ImmutableObject(true)]
internal sealed class CachedResult<T>(T value, DateTimeOffset readAt)
{
    public T Value { get; } = value;

    public DateTimeOffset ReadAt { get; } = readAt;
}
