using Linq.Execution;
using Linq.RawSql;
using Npgsql;

namespace Linq;

// Raw reads routed like LINQ queries. QueryRawAsync itself stays on the primary: a hand-written statement may write
// (INSERT … RETURNING, a function with side effects), and nothing here can tell.
public abstract partial class LinqDatabase
{
    /// <summary>
    /// Runs a hand-written read-only query as <see cref="QueryRawAsync{T}(SqlInterpolatedStringHandler, CancellationToken)"/>
    /// does, but routed like a LINQ query: on a read replica when <see cref="LinqDatabaseOptions.ReadReplicas"/> are
    /// configured (skipping replicas that are down), on the primary otherwise, and on the transaction's connection in a
    /// transaction's client. A statement that writes fails on a replica (read-only transaction, SQLSTATE 25006).
    /// </summary>
    /// <typeparam name="T">As for <see cref="QueryRawAsync{T}(SqlInterpolatedStringHandler, CancellationToken)"/>.</typeparam>
    /// <param name="sql">The statement as an interpolated string; holes are parameters.</param>
    /// <param name="cancellationToken">Cancels the statement on the server.</param>
    public Task<List<T>> QueryRawOnReplicaAsync<T>(SqlInterpolatedStringHandler sql, CancellationToken cancellationToken = default)
    {
        var statement = sql.ToStatement();
        var shaper = RawRowReaders<T>.CreateShaper();
        if (Replicas is not { } replicas)
        {
            return Executor.ListAsync(OperationInfo.Of(LinqOperation.QueryRaw), statement.Sql, statement.Parameters, shaper, cancellationToken);
        }

        // A parameter belongs to one command: a read run again on another server gets copies.
        var first = true;
        return replicas.ReadAsync((executor, token) =>
        {
            var parameters = first ? statement.Parameters : Array.ConvertAll(statement.Parameters, p => p.Clone());
            first = false;
            return executor.ListAsync(OperationInfo.Of(LinqOperation.QueryRaw), statement.Sql, parameters, shaper, token);
        }, cancellationToken);
    }
}
