namespace Linq;

/// <summary>
/// An operation that needs a session of its own (a session advisory lock, <c>LISTEN</c>) was asked of a client whose
/// connection goes through a transaction-mode pooler (<see cref="LinqDatabaseOptions.TransactionPooler"/>), which hands
/// each transaction to any server connection and so keeps no session. Give it a direct connection to PostgreSQL:
/// <c>options.UseMigrationsConnection(Environment.GetEnvironmentVariable("DIRECT_URL"))</c>.
/// </summary>
public sealed class DirectConnectionRequiredException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="operation"/> (e.g. "Deploying migrations").</summary>
    /// <param name="operation">What needed the session, and why, in a few words.</param>
    public DirectConnectionRequiredException(string operation)
        : base(operation + " needs a session of its own, which a transaction-mode pooler (PgBouncer pool_mode=transaction) does not keep: "
            + "set a direct connection to PostgreSQL with options.UseMigrationsConnection(DIRECT_URL) (Prisma's directUrl), "
            + "or clear LinqDatabaseOptions.TransactionPooler if the connection is direct.")
    {
        Operation = operation;
    }

    /// <summary>The operation that was refused.</summary>
    public string Operation { get; }
}
