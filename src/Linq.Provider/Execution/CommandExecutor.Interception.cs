using System.Data;
using System.Runtime.CompilerServices;
using Linq.Contract;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// The executor's entry points: straight to the statement for a plain client (one null check), through the extended
/// client's interceptors otherwise. Interceptors see the operation, model, SQL, parameters and result; the first
/// registered is the outermost; what they throw reaches the caller unchanged.
/// </summary>
internal sealed partial class CommandExecutor
{
    // The reads' interceptor lambdas are in methods of their own: a lambda over a method's parameters makes its closure
    // object on entry to that method, so a plain client would pay for it on every read.
    public Task<List<T>> ListAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, CancellationToken cancellationToken) =>
        ListAsync(operation, sql, parameters, shaper, 0, cancellationToken);

    /// <summary>Reads every row; <paramref name="capacity"/> is the most rows the statement can return when known (else 0), the list's initial size.</summary>
    public Task<List<T>> ListAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, int capacity,
        CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? ListRecoveringAsync(operation, sql, parameters, shaper, capacity, cancellationToken)
            : InterceptedListAsync(chain, operation, sql, parameters, shaper, capacity, cancellationToken);

    private Task<List<T>> InterceptedListAsync<T>(QueryInterceptor[] chain, OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        int capacity, CancellationToken cancellationToken) =>
        InterceptAsync<List<T>>(chain, operation, sql, parameters,
            async () => await ListRecoveringAsync(operation, sql, parameters, shaper, capacity, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<T> SingleAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, RowCardinality cardinality,
        CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? SingleRecoveringAsync(operation, sql, parameters, shaper, cardinality, cancellationToken)
            : InterceptedSingleAsync(chain, operation, sql, parameters, shaper, cardinality, cancellationToken);

    private Task<T> InterceptedSingleAsync<T>(QueryInterceptor[] chain, OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        RowCardinality cardinality, CancellationToken cancellationToken) =>
        InterceptAsync<T>(chain, operation, sql, parameters, async () => await SingleRecoveringAsync(operation, sql, parameters, shaper, cardinality, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<int> NonQueryAsync(OperationInfo operation, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? NonQueryRecoveringAsync(operation, sql, parameters, cancellationToken)
            : InterceptAsync<int>(chain, operation, sql, parameters, async () => await NonQueryRecoveringAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>
    /// Streams rows. With interceptors the rows are read to the end first (the interceptor sees them as one list and
    /// may replace it), then handed out: an extended client with interceptors does not stream.
    /// </summary>
    public IAsyncEnumerable<T> StreamAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? StreamCoreAsync(operation, sql, parameters, shaper, cancellationToken)
            : BufferedAsync(chain, operation, sql, parameters, shaper, cancellationToken);

    public Task ExecuteBatchAsync(OperationInfo operation, IReadOnlyList<IBatchStatement> statements, bool atomic, Action? verify, CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain || statements.Count == 0
            ? ExecuteBatchRecoveringAsync(operation, statements, atomic, verify, cancellationToken)
            : InterceptAsync<object?>(chain, operation, string.Join(";\n", statements.Select(s => s.Sql)), [.. statements.SelectMany(s => s.Parameters)],
                async () =>
                {
                    await ExecuteBatchRecoveringAsync(operation, statements, atomic, verify, cancellationToken).ConfigureAwait(false);
                    return null;
                }, cancellationToken);

    public Task RunBatchTransactionAsync(OperationInfo operation, IReadOnlyList<BatchCommandSpec> items, IsolationLevel? isolation, CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? RunBatchTransactionRecoveringAsync(operation, items, isolation, cancellationToken)
            : InterceptAsync<object?>(chain, operation, string.Join(";\n", items.Select(i => i.Sql)), [.. items.SelectMany(i => i.Parameters)],
                async () =>
                {
                    await RunBatchTransactionRecoveringAsync(operation, items, isolation, cancellationToken).ConfigureAwait(false);
                    return null;
                }, cancellationToken);

    public Task<int> CopyAsync(OperationInfo operation, ModelMetadata model, IReadOnlyList<IReadOnlyList<ICopyRow>> groups, CancellationToken cancellationToken) =>
        Extensions?.Interceptors is not { Length: > 0 } chain
            ? CopyCoreAsync(operation, model, groups, cancellationToken)
            : InterceptAsync<int>(chain, operation, "COPY \"" + model.TableName + "\" FROM STDIN (FORMAT BINARY)", [],
                async () => await CopyCoreAsync(operation, model, groups, cancellationToken).ConfigureAwait(false), cancellationToken);

    private async IAsyncEnumerable<T> BufferedAsync<T>(QueryInterceptor[] chain, OperationInfo operation, string sql, NpgsqlParameter[] parameters,
        Func<NpgsqlDataReader, T> shaper, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await InterceptAsync<List<T>>(chain, operation, sql, parameters, async () =>
        {
            var list = new List<T>();
            await foreach (var row in StreamCoreAsync(operation, sql, parameters, shaper, cancellationToken).ConfigureAwait(false))
            {
                list.Add(row);
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    private static async Task<TResult> InterceptAsync<TResult>(QueryInterceptor[] chain, OperationInfo operation, string sql, NpgsqlParameter[] parameters,
        Func<Task<object?>> statement, CancellationToken cancellationToken)
    {
        var context = new QueryContext(operation.Operation, operation.Model, sql, parameters, cancellationToken);
        var result = await Next(chain, 0, context, statement).ConfigureAwait(false);
        return result switch
        {
            TResult typed => typed,
            null when default(TResult) is null => default!,
            _ => throw new InvalidOperationException(
                $"An interceptor returned {result?.GetType().Name ?? "null"} for {operation.Operation} ({operation.Model?.Name ?? "no model"}), which returns {typeof(TResult).Name}. "
                + "Return the result of next(), or a value of the same type."),
        };
    }

    private static Task<object?> Next(QueryInterceptor[] chain, int index, QueryContext context, Func<Task<object?>> statement) =>
        index == chain.Length ? statement() : chain[index](context, () => Next(chain, index + 1, context, statement));
}
