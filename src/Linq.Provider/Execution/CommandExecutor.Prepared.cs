using Npgsql;

namespace Linq.Execution;

/// <summary>
/// With <see cref="LinqDatabaseOptions.PrepareStatements"/>, a statement prepared on a pooled connection can go stale
/// under the client: a column's type changed (<c>0A000 cached plan must not change result type</c>, raised by the
/// server's plan revalidation) or someone ran <c>DISCARD ALL</c> on the session (<c>26000 prepared statement "_auto0"
/// does not exist</c>); Npgsql notices neither and would fail on that connection again. Both errors come before the
/// statement runs, so nothing was applied: the executor clears the pool (every connection may hold the stale
/// statement after a schema change; new connections prepare afresh) and runs the statement once more. Only outside a
/// transaction: there the error has aborted the transaction, which is the caller's to run again.
/// </summary>
internal sealed partial class CommandExecutor
{
    // The retrying lambdas are in methods of their own (…RecoveredAsync): a lambda over a method's parameters makes its
    // closure object on entry to that method, so without the option every statement would pay for it.
    private bool RecoversPrepared => _prepares && Binding is null;

    private async Task<T> RecoverAsync<T>(Func<Task<T>> run, NpgsqlParameter[] parameters)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (PostgresException error) when (IsStalePrepared(error))
        {
            _dataSource.Clear();
            Detach(parameters);
            return await run().ConfigureAwait(false);
        }
    }

    private async Task RecoverAsync(Func<Task> run, IEnumerable<NpgsqlParameter[]> parameters)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (PostgresException error) when (IsStalePrepared(error))
        {
            _dataSource.Clear();
            foreach (var statement in parameters)
            {
                Detach(statement);
            }

            await run().ConfigureAwait(false);
        }
    }

    // A parameter stays in the collection of the failed attempt's command; the arrays are this execution's own, so
    // their parameters are replaced by copies (same value and type) for the second attempt.
    private static void Detach(NpgsqlParameter[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = parameters[i].Clone();
        }
    }

    // A batch is run again only when it is atomic (one transaction): a failed non-atomic batch may have applied its earlier statements.
    private Task ExecuteBatchRecoveringAsync(OperationInfo operation, IReadOnlyList<IBatchStatement> statements, bool atomic, Action? verify,
        CancellationToken cancellationToken) =>
        RecoversPrepared && atomic
            ? ExecuteBatchRecoveredAsync(operation, statements, atomic, verify, cancellationToken)
            : ExecuteBatchCoreAsync(operation, statements, atomic, verify, cancellationToken);

    private Task ExecuteBatchRecoveredAsync(OperationInfo operation, IReadOnlyList<IBatchStatement> statements, bool atomic, Action? verify,
        CancellationToken cancellationToken) =>
        RecoverAsync(() => ExecuteBatchCoreAsync(operation, statements, atomic, verify, cancellationToken), statements.Select(s => s.Parameters));

    private Task RunBatchTransactionRecoveringAsync(OperationInfo operation, IReadOnlyList<BatchCommandSpec> items, System.Data.IsolationLevel? isolation,
        CancellationToken cancellationToken) =>
        RecoversPrepared
            ? RunBatchTransactionRecoveredAsync(operation, items, isolation, cancellationToken)
            : RunBatchTransactionCoreAsync(operation, items, isolation, cancellationToken);

    private Task RunBatchTransactionRecoveredAsync(OperationInfo operation, IReadOnlyList<BatchCommandSpec> items, System.Data.IsolationLevel? isolation,
        CancellationToken cancellationToken) =>
        RecoverAsync(() => RunBatchTransactionCoreAsync(operation, items, isolation, cancellationToken), items.Select(i => i.Parameters));

    private Task<List<T>> ListRecoveringAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        int capacity, CancellationToken cancellationToken) =>
        RecoversPrepared
            ? ListRecoveredAsync(operation, sql, parameters, shaper, capacity, cancellationToken)
            : ListCoreAsync(operation, sql, parameters, shaper, capacity, cancellationToken);

    private Task<List<T>> ListRecoveredAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        int capacity, CancellationToken cancellationToken) =>
        RecoverAsync(() => ListCoreAsync(operation, sql, parameters, shaper, capacity, cancellationToken), parameters);

    private Task<T> SingleRecoveringAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        RowCardinality cardinality, CancellationToken cancellationToken) =>
        RecoversPrepared
            ? SingleRecoveredAsync(operation, sql, parameters, shaper, cardinality, cancellationToken)
            : SingleCoreAsync(operation, sql, parameters, shaper, cardinality, cancellationToken);

    private Task<T> SingleRecoveredAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        RowCardinality cardinality, CancellationToken cancellationToken) =>
        RecoverAsync(() => SingleCoreAsync(operation, sql, parameters, shaper, cardinality, cancellationToken), parameters);

    private Task<int> NonQueryRecoveringAsync(OperationInfo operation, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RecoversPrepared
            ? NonQueryRecoveredAsync(operation, sql, parameters, cancellationToken)
            : NonQueryCoreAsync(operation, sql, parameters, cancellationToken);

    private Task<int> NonQueryRecoveredAsync(OperationInfo operation, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RecoverAsync(() => NonQueryCoreAsync(operation, sql, parameters, cancellationToken), parameters);

    // A parameter of a prepared statement whose plan was revalidated into another result type, or a statement name the
    // session no longer knows. The routine (not the message, which the server may translate) names the plan check.
    internal static bool IsStalePrepared(PostgresException error) =>
        error.SqlState == PostgresErrorCodes.InvalidSqlStatementName
        || (error.SqlState == PostgresErrorCodes.FeatureNotSupported && error.Routine == "RevalidateCachedQuery");
}
