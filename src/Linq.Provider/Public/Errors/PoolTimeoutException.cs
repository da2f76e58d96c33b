namespace Linq;

/// <summary>P2024: no pooled connection became free within the transaction's <see cref="TransactionOptions.MaxWait"/>.</summary>
public sealed class PoolTimeoutException(TimeSpan maxWait, Exception? inner)
    : LinqRequestException("P2024", $"Timed out fetching a new connection from the connection pool (waited {maxWait.TotalMilliseconds:0} ms).", null, [], inner);
