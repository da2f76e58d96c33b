namespace Linq.Execution.ResultCaching;

/// <summary>
/// Thrown out of the distributed entry's factory when the result cannot be written as bytes (a model graph that refers
/// back to an ancestor, a value without a code), so HybridCache stores no distributed entry; the read is returned and
/// kept in memory only.
/// </summary>
internal sealed class UnencodableResultException : Exception
{
    public UnencodableResultException()
    {
    }

    public UnencodableResultException(string message)
        : base(message)
    {
    }

    public UnencodableResultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnencodableResultException(object read)
        : base("The result cannot be written to the distributed cache; it is kept in memory only.") => Read = read;

    /// <summary>The read's result (a <see cref="CachedResult{T}"/>).</summary>
    public object? Read { get; }
}
