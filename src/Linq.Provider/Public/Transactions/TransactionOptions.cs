using System.Data;

namespace Linq;

/// <summary>How an interactive transaction runs (Prisma's <c>$transaction(fn, { isolationLevel, maxWait, timeout })</c>).</summary>
public sealed record TransactionOptions
{
    /// <summary>The isolation level: <see cref="IsolationLevel.ReadCommitted"/> (PostgreSQL's default), <see cref="IsolationLevel.RepeatableRead"/> or <see cref="IsolationLevel.Serializable"/>.</summary>
    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.ReadCommitted;

    /// <summary>How long to wait for a pooled connection before <see cref="PoolTimeoutException"/> (P2024). Default 2 s, like Prisma.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the whole transaction may run. When it expires the transaction is rolled back at once (a running
    /// statement is cancelled on the server), <see cref="TransactionTimeoutException"/> (P2028) is thrown, and any later
    /// use of the transaction's client throws too. Default 5 s, like Prisma.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many times to run the callback again after a serialization failure or deadlock (SQLSTATE 40001/40P01), with a
    /// jittered exponential backoff. Default 0. After the last try, <see cref="TransactionConflictException"/> (P2034).
    /// </summary>
    public int MaxRetries { get; init; }

    /// <summary>The first backoff before a retry (doubled each time, with jitter). Default 20 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    internal void Validate()
    {
        if (IsolationLevel is not (IsolationLevel.ReadCommitted or IsolationLevel.RepeatableRead or IsolationLevel.Serializable))
        {
            throw new ArgumentException($"PostgreSQL transactions run at ReadCommitted, RepeatableRead or Serializable, not {IsolationLevel}.");
        }

        if (MaxWait <= TimeSpan.Zero || Timeout <= TimeSpan.Zero || MaxRetries < 0 || RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxWait and Timeout must be positive, MaxRetries and RetryDelay not negative.");
        }
    }
}
