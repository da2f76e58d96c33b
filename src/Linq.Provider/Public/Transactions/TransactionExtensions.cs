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
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var results = new object?[2];
        await LearnDecimalBoundsAsync(db, first.AwaitsDecimalBounds || second.AwaitsDecimalBounds, cancellationToken).ConfigureAwait(false);
        await RunAsync(db, null, cancellationToken, first.Spec(results, 0), second.Spec(results, 1)).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!);
    }

    /// <summary>Runs the items atomically in one round trip and returns their results.</summary>
    public static async Task<(T1, T2, T3)> TransactionAsync<T1, T2, T3>(this LinqDatabase db, BatchItem<T1> first, BatchItem<T2> second, BatchItem<T3> third,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        var results = new object?[3];
        await LearnDecimalBoundsAsync(db, first.AwaitsDecimalBounds || second.AwaitsDecimalBounds || third.AwaitsDecimalBounds, cancellationToken).ConfigureAwait(false);
        await RunAsync(db, null, cancellationToken, first.Spec(results, 0), second.Spec(results, 1), third.Spec(results, 2)).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!, (T3)results[2]!);
    }

    /// <summary>Runs the items atomically in one round trip and returns their results.</summary>
    public static async Task<(T1, T2, T3, T4)> TransactionAsync<T1, T2, T3, T4>(this LinqDatabase db, BatchItem<T1> first, BatchItem<T2> second, BatchItem<T3> third,
        BatchItem<T4> fourth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        ArgumentNullException.ThrowIfNull(fourth);
        var results = new object?[4];
        await LearnDecimalBoundsAsync(db, first.AwaitsDecimalBounds || second.AwaitsDecimalBounds || third.AwaitsDecimalBounds || fourth.AwaitsDecimalBounds, cancellationToken)
            .ConfigureAwait(false);
        await RunAsync(db, null, cancellationToken, first.Spec(results, 0), second.Spec(results, 1), third.Spec(results, 2), fourth.Spec(results, 3)).ConfigureAwait(false);
        return ((T1)results[0]!, (T2)results[1]!, (T3)results[2]!, (T4)results[3]!);
    }

    /// <summary>Runs items of one type atomically in one round trip, at the given isolation level (null: read committed).</summary>
    public static async Task<List<T>> TransactionAsync<T>(this LinqDatabase db, IEnumerable<BatchItem<T>> items, IsolationLevel? isolationLevel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        await LearnDecimalBoundsAsync(db, list.Any(i => i is { AwaitsDecimalBounds: true }), cancellationToken).ConfigureAwait(false);
        var results = new object?[list.Count];
        var specs = new BatchCommandSpec[list.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = (list[i] ?? throw new ArgumentException("A batch item is null.", nameof(items))).Spec(results, i);
        }

        await RunAsync(db, isolationLevel, cancellationToken, specs).ConfigureAwait(false);
        return [.. results.Select(r => (T)r!)];
    }

    // A batch UpdateMany built before the client knew which decimal columns the database bounds carries the guard; the
    // lookup runs here, before the batch's one round trip (once per client), and the item renders again without it.
    private static ValueTask LearnDecimalBoundsAsync(LinqDatabase db, bool needed, CancellationToken cancellationToken) =>
        needed && db is not null ? db.DecimalBounds.EnsureAsync(db.Executor, cancellationToken) : default;

    private static Task RunAsync(LinqDatabase db, IsolationLevel? isolation, CancellationToken cancellationToken, params BatchCommandSpec[] specs)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var spec in specs)
        {
            if (!ReferenceEquals(spec.Database, db))
            {
                throw new ArgumentException("Every batch item must come from the client that runs the transaction (inside a transaction, from tx).");
            }
        }

        return db.Executor.RunBatchTransactionAsync(OperationInfo.Of(LinqOperation.Transaction), specs, isolation, cancellationToken);
    }

}
