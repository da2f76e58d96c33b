namespace Linq;

/// <summary>
/// P1017: the server closed the connection while the operation ran (restart, <c>pg_terminate_backend</c>, a crashed
/// backend, a network failure). A read can be retried. A write outside a transaction may or may not have been applied
/// (the commit may have happened before the connection broke): make it idempotent (an upsert, a unique key) before
/// retrying it. Inside a transaction nothing was committed. Idle connections of the pool are dropped, so the next
/// operation opens a fresh one.
/// </summary>
public sealed class ConnectionClosedException(Exception? inner)
    : LinqRequestException("P1017", "The server closed the connection.", null, [], inner)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}
