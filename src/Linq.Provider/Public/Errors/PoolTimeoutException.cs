namespace Linq;

/// <summary>
/// P2024: no pooled connection became free in time: within <see cref="TransactionOptions.MaxWait"/> for a transaction,
/// within the connection string's <c>Timeout</c> for any other operation (which defaults to the transaction default's
/// MaxWait, see <see cref="LinqDatabaseOptions"/>). Nothing was sent; transient.
/// </summary>
public sealed class PoolTimeoutException(TimeSpan maxWait, Exception? inner)
    : LinqRequestException("P2024", $"Timed out fetching a new connection from the connection pool (waited {maxWait.TotalMilliseconds:0} ms).", null, [], inner)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}
