using Linq.Execution;
using Npgsql;

namespace Linq.Querying.Batching;

/// <summary>
/// Runs one plan's concurrent finds (<see cref="LinqDatabaseOptions.BatchFinds"/>): up to <see cref="FindBatchLimits.MaxInFlight"/>
/// statements of the plan at a time; a caller finding fewer in flight runs its own statement at once (it pays one
/// interlocked increment and decrement), the others wait in a queue. When a statement of the plan completes, the queue
/// (up to <see cref="FindBatchLimits.MaxBatch"/> callers) goes to the server as one statement (<see cref="BatchedFindStatement"/>);
/// a batch of one is the ordinary statement. The caller whose statement completed does not wait for it: the batch
/// starts on the thread pool.
/// </summary>
/// <remarks>
/// The count of statements in flight is raised outside the lock and settled under it: a caller that finds it over
/// the bound takes the lock, takes its increment back and then either runs (fewer in flight) or queues. A statement's
/// end takes the lock too and either hands its place to the queue or gives it up. So a caller queues only while a
/// statement is in flight whose end will see it (or another caller still to take the lock will run and see it).
/// </remarks>
internal sealed class FindBatcher<T>
{
    private readonly CompiledQuery _plan;
    private readonly BatchedFindStatement? _statement;
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _queue = new();
    private readonly Action _ended;
    private int _inFlight;

    private FindBatcher(CompiledQuery plan)
    {
        _plan = plan;
        _statement = BatchedFindStatement.TryBuild(plan);
        _ended = Ended;
    }

    /// <summary>The batcher of <paramref name="plan"/> (its batched statement is built here, once per plan).</summary>
    public static FindBatcher<T> Create(CompiledQuery plan) => new(plan);

    /// <summary>The plan's statement in its batched form (null: the plan has none, and its finds run alone).</summary>
    internal BatchedFindStatement? Statement => _statement;

    /// <summary>Runs one caller's find: at once, or with other callers' in the next batch.</summary>
    public Task<T> FindAsync(CommandExecutor executor, object?[] values, CancellationToken cancellationToken)
    {
        if (_statement is null)
        {
            return Alone(executor, values, cancellationToken);
        }

        return Interlocked.Increment(ref _inFlight) <= FindBatchLimits.MaxInFlight
            ? Counted(executor, values, cancellationToken)
            : Contended(executor, values, cancellationToken);
    }

    private Task<T> Alone(CommandExecutor executor, object?[] values, CancellationToken cancellationToken) =>
        executor.SingleAsync(_plan.Operation, _plan.Sql, _plan.Bind(values), _plan.Shaper<T>(), RowCardinality.FirstOrDefault, cancellationToken);

    // A statement holding a place: its end (a continuation registered without a closure) passes the place on.
    private Task<T> Counted(CommandExecutor executor, object?[] values, CancellationToken cancellationToken)
    {
        Task<T> task;
        try
        {
            task = Alone(executor, values, cancellationToken);
        }
        catch
        {
            Ended();
            throw;
        }

        if (task.IsCompleted)
        {
            Ended();
        }
        else
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_ended);
        }

        return task;
    }

    private Task<T> Contended(CommandExecutor executor, object?[] values, CancellationToken cancellationToken)
    {
        // Watched before it can be sent, so a batch never disposes a registration not yet made; a token already
        // cancelled completes the waiter here, and the queue skips it.
        object?[]? keys;
        try
        {
            keys = _statement!.Capture(values);
        }
        catch
        {
            // The place taken above is given back only under the lock: the caller runs alone from the queue and gets its error there.
            keys = null;
        }

        var waiter = new Waiter(executor, values, keys, cancellationToken);
        waiter.Watch();
        lock (_gate)
        {
            if (Interlocked.Decrement(ref _inFlight) >= FindBatchLimits.MaxInFlight)
            {
                _queue.Enqueue(waiter);
                return waiter.Task;
            }

            Interlocked.Increment(ref _inFlight);
        }

        waiter.Unwatch();
        return Counted(executor, values, cancellationToken);
    }

    // A statement of the plan ended: the queue takes its place, or the place is given up.
    private void Ended()
    {
        List<Waiter>? batch = null;
        lock (_gate)
        {
            var most = FindBatchLimits.MaxBatch;
            while (_queue.Count > 0 && (batch is null || batch.Count < most))
            {
                var waiter = _queue.Dequeue();
                if (!waiter.Task.IsCompleted)
                {
                    (batch ??= new List<Waiter>(Math.Min(_queue.Count + 1, most))).Add(waiter);
                }
            }

            if (batch is null)
            {
                Interlocked.Decrement(ref _inFlight);
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Batcher.RunAsync(state.Waiters), (Batcher: this, Waiters: batch), preferLocal: false);
    }

    private async Task RunAsync(List<Waiter> waiters)
    {
        try
        {
            var together = waiters;
            if (waiters.Exists(w => w.Keys is null))
            {
                // A caller whose value would be sent untyped runs alone, beside the batch (rare: a value of another runtime type).
                foreach (var alone in waiters.Where(w => w.Keys is null))
                {
                    _ = RunAloneAsync(alone);
                }

                together = waiters.FindAll(w => w.Keys is not null);
            }

            if (together.Count == 1)
            {
                await RunAloneAsync(together[0]).ConfigureAwait(false);
            }
            else if (together.Count > 1)
            {
                await RunBatchAsync(together).ConfigureAwait(false);
            }
        }
        finally
        {
            Ended();
        }
    }

    private async Task RunAloneAsync(Waiter waiter)
    {
        try
        {
            waiter.TrySetResult(await Alone(waiter.Executor, waiter.Values, waiter.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (waiter.Token.IsCancellationRequested)
        {
            waiter.TrySetCanceled(waiter.Token);
        }
        catch (Exception error)
        {
            waiter.TrySetException(error);
        }
        finally
        {
            waiter.Unwatch();
        }
    }

    private async Task RunBatchAsync(List<Waiter> waiters)
    {
        var statement = _statement!;
        var batch = new SentBatch(waiters.Count);
        var shaper = _plan.Shaper<T>();
        try
        {
            foreach (var waiter in waiters)
            {
                waiter.Join(batch);
            }

            var keys = new object?[waiters.Count][];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = waiters[i].Keys!;
            }

            var ordinal = statement.Ordinal;
            await waiters[0].Executor.ListAsync(_plan.Operation with { BatchSize = waiters.Count }, statement.Sql, statement.Bind(keys), reader =>
            {
                // The find's LIMIT 1 gives each caller at most one row; the shaper reads the columns before the ordinal.
                var waiter = waiters[(int)reader.GetInt64(ordinal) - 1];
                waiter.TrySetResult(shaper(reader));
                return 0;
            }, batch.Token).ConfigureAwait(false);

            foreach (var waiter in waiters)
            {
                waiter.TrySetResult(default!);
            }
        }
        catch (Exception error) when (IsValueError(error))
        {
            // The driver refused a value while writing the arrays (a DateTime of the wrong kind for its column): one
            // caller's error, which alone it would get by itself. Each caller still waiting runs alone.
            batch.Dispose(waiters);
            await Task.WhenAll(waiters.Where(w => !w.Task.IsCompleted).Select(RunAloneAsync)).ConfigureAwait(false);
            return;
        }
        catch (Exception error)
        {
            // The statement failed for all of them (callers that cancelled are already cancelled).
            foreach (var waiter in waiters)
            {
                waiter.TrySetException(error);
            }
        }

        batch.Dispose(waiters);
    }

    // Errors about a value, raised on the client before or while the statement is written (never by the server).
    private static bool IsValueError(Exception error) => error is ArgumentException or InvalidCastException or OverflowException;

    /// <summary>A statement sent for several callers: cancelled on the server when every one of them has cancelled.</summary>
    private sealed class SentBatch(int callers) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private int _waiting = callers;

        public CancellationToken Token => _cancel.Token;

        public void Left()
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
            {
                _cancel.Cancel();
            }
        }

        public void Dispose() => _cancel.Dispose();

        // Every caller's registration is disposed first (which waits for a running callback), so no Cancel follows.
        public void Dispose(List<Waiter> waiters)
        {
            foreach (var waiter in waiters)
            {
                waiter.Unwatch();
            }

            _cancel.Dispose();
        }
    }

    /// <summary>A queued caller; its result is set from a batch (continuations run on the thread pool, never inside the batch's read).</summary>
    private sealed class Waiter(CommandExecutor executor, object?[] values, object?[]? keys, CancellationToken token)
        : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        private CancellationTokenRegistration _registration;
        private SentBatch? _batch;
        private int _left;

        public CommandExecutor Executor => executor;

        public object?[] Values => values;

        public object?[]? Keys => keys;

        public CancellationToken Token => token;

        public void Watch()
        {
            if (token.CanBeCanceled)
            {
                _registration = token.UnsafeRegister(static state => ((Waiter)state!).Cancelled(), this);
            }
        }

        // Cancelled while queued (skipped when the queue is sent) or while its batch runs (the batch is told).
        private void Cancelled()
        {
            TrySetCanceled(token);
            Leave();
        }

        public void Join(SentBatch batch)
        {
            Volatile.Write(ref _batch, batch);
            if (Task.IsCompleted)
            {
                Leave();
            }
        }

        private void Leave()
        {
            if (Volatile.Read(ref _batch) is { } batch && Interlocked.Exchange(ref _left, 1) == 0)
            {
                batch.Left();
            }
        }

        public void Unwatch() => _registration.Dispose();
    }
}
