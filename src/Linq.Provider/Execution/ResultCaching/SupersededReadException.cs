namespace Linq.Execution.ResultCaching;

/// <summary>
/// Thrown out of a result cache miss's factory when a write to the tables it read was invalidated while it ran, so
/// HybridCache does not store the rows (it never caches a factory's exception); the read itself is returned to its callers.
/// </summary>
internal sealed class SupersededReadException : Exception
{
    public SupersededReadException()
    {
    }

    public SupersededReadException(string message)
        : base(message)
    {
    }

    public SupersededReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SupersededReadException(object value)
        : base("A write invalidated the tables this cached read used while it ran; its result is returned but not stored.") => Value = value;

    /// <summary>The read's result (a <see cref="CachedResult{T}"/>).</summary>
    public object? Value { get; }
}
