using System.Data;
using Linq.Execution;
using Linq.Transactions;

namespace Linq;

/// <summary>
/// Transactions on a client: the interactive form (<c>db.TransactionAsync(async tx =&gt; …)</c>, where <c>tx</c> is the
/// same client type bound to one connection) and the batch form (<c>db.TransactionAsync(Batch.ToList(…), Batch.Count(…))</c>,
/// one round trip).
/// </summary>
public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="body"/> in a transaction and returns its result: committed when it returns, rolled back
    /// (and the exception rethrown) when it throws. Inside, use only <c>tx</c>: the outer client refuses to run
    /// (<see cref="OuterClientInTransactionException"/>). Called on a <c>tx</c>, it nests with a savepoint.
    /// </summary>
    /// <exception cref="PoolTimeoutException">No connection within <see cref="TransactionOptions.MaxWait"/>.</exception>
    /// <exception cref="TransactionTimeoutException">The transaction ran past <see cref="TransactionOptions.Timeout"/>; it was rolled back.</exception>
    /// <exception cref="TransactionConflictException">A serialization failure or deadlock, after <see cref="TransactionOptions.MaxRetries"/> retries.</exception>
    public static Task<TResult> TransactionAsync<TDb, TResult>(this TDb db, Func<TDb, Task<TResult>> body, TransactionOptions? options = null,
        CancellationToken cancellationToken = default)
        where TDb : LinqDatabase
    {
        ArgumentNullException.ThrowIfNull(db);
        return TransactionRunner.RunAsync(db, body, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> in a transaction (see the overload returning a result).</summary>
    public static Task TransactionAsync<TDb>(this TDb db, Func<TDb, Task> body, TransactionOptions? options = null, CancellationToken cancellationToken = default)
        where TDb : LinqDatabase
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(body);
        return TransactionRunner.RunAsync<TDb, bool>(db, async tx =>
        {
            await body(tx).ConfigureAwait(false);
            return true;
        }, options, cancellationToken);
    }

    /// <summary>Runs the items atomically in one round trip and returns their results.</summary>
    public static async Task<(T1, T2)> TransactionAsync<T1, T2>(this LinqDatabase db, BatchItem<T1> first, BatchItem<T2> second, CancellationToken cancellationToken = default)
    {
        var results = await RunAsync(db, null, cancellationToken, first.Spec, second.Spec).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!);
    }

    /// <summary>Runs the items atomically in one round trip and returns their results.</summary>
    public static async Task<(T1, T2, T3)> TransactionAsync<T1, T2, T3>(this LinqDatabase db, BatchItem<T1> first, BatchItem<T2> second, BatchItem<T3> third,
        CancellationToken cancellationToken = default)
    {
        var results = await RunAsync(db, null, cancellationToken, first.Spec, second.Spec, third.Spec).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!, (T3)results[2]!);
    }

    /// <summary>Runs the items atomically in one round trip and returns their results.</summary>
    public static async Task<(T1, T2, T3, T4)> TransactionAsync<T1, T2, T3, T4>(this LinqDatabase db, BatchItem<T1> first, BatchItem<T2> second, BatchItem<T3> third,
        BatchItem<T4> fourth, CancellationToken cancellationToken = default)
    {
        var results = await RunAsync(db, null, cancellationToken, first.Spec, second.Spec, third.Spec, fourth.Spec).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!, (T3)results[2]!, (T4)results[3]!);
    }

    /// <summary>Runs items of one type atomically in one round trip, at the given isolation level (null: read committed).</summary>
    public static async Task<List<T>> TransactionAsync<T>(this LinqDatabase db, IEnumerable<BatchItem<T>> items, IsolationLevel? isolationLevel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var results = await RunAsync(db, isolationLevel, cancellationToken, [.. list.Select(i => (Func<Action<object?>, BatchCommandSpec>)i.Spec)]).ConfigureAwait(false);
        return [.. results.Select(r => (T)r!)];
    }

    private static async Task<object?[]> RunAsync(LinqDatabase db, IsolationLevel? isolation, CancellationToken cancellationToken,
        params Func<Action<object?>, BatchCommandSpec>[] items)
    {
        ArgumentNullException.ThrowIfNull(db);
        var results = new object?[items.Length];
        var specs = new BatchCommandSpec[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            // One slot per item, no iterator or list: this runs per batch transaction.
            specs[i] = items[i](new ResultSlot(results, i).Set);
            if (!ReferenceEquals(specs[i].Database, db))
            {
                throw new ArgumentException("Every batch item must come from the client that runs the transaction (inside a transaction, from tx).");
            }
        }

        await db.Executor.RunBatchTransactionAsync(OperationInfo.Of(LinqOperation.Transaction), specs, isolation, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private sealed class ResultSlot(object?[] results, int index)
    {
        public void Set(object? value) => results[index] = value;
    }
}
