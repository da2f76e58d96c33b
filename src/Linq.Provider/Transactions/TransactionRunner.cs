using Linq.Contract;
using Linq.Execution;
using Npgsql;

namespace Linq.Transactions;

/// <summary>
/// Runs an interactive transaction: a pooled connection within MaxWait, BEGIN at the isolation level, the callback
/// with a client bound to that connection, then COMMIT, or ROLLBACK and rethrow. A client already in a transaction
/// nests with a savepoint. Serialization failures and deadlocks re-run the callback up to MaxRetries times.
/// </summary>
internal static class TransactionRunner
{
    public static async Task<TResult> RunAsync<TDb, TResult>(TDb db, Func<TDb, Task<TResult>> body, TransactionOptions? options, CancellationToken cancellationToken)
        where TDb : LinqDatabase
    {
        ArgumentNullException.ThrowIfNull(body);
        if (db.Executor.Binding is { } outer)
        {
            if (options is not null)
            {
                throw new ArgumentException("A nested transaction runs inside the outer one (as a savepoint) and takes no options of its own.", nameof(options));
            }

            return await SavepointAsync(db, outer, body, cancellationToken).ConfigureAwait(false);
        }

        db.Executor.GuardOuterClient("TransactionAsync");
        options ??= db.Options.TransactionDefaults;
        options.Validate();
        // The transaction's span: its statements (and the attempts after a conflict) are its children.
        using var span = db.Executor.Telemetry.StartParent(OperationInfo.Of(LinqOperation.Transaction));
        for (var attempt = 0; ; attempt++)
        {
            // One attempt, inline rather than in a method of its own: each awaiting method is one more state machine
            // allocated per transaction, and this is the path every transaction takes.
            try
            {
                await using var connection = await OpenAsync(db.DataSource, options.MaxWait, cancellationToken).ConfigureAwait(false);
                await using var transaction = await BeginAsync(db, connection, options, cancellationToken).ConfigureAwait(false);
                using var binding = new TransactionBinding(db, connection, transaction, options.Timeout);
                var client = (TDb)db.BindTo(binding);
                TResult result;
                try
                {
                    // Set here, in this async method: the value flows into the callback and is restored for the caller
                    // when this method returns, so it never leaks out of the transaction.
                    AmbientTransaction.Enter(binding);
                    result = await body(client).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    await EndAsync(binding).ConfigureAwait(false);
                    if (binding.TimedOut && error is not TransactionTimeoutException)
                    {
                        throw binding.Expired(error);
                    }

                    throw;
                }

                if (binding.TimedOut)
                {
                    await EndAsync(binding).ConfigureAwait(false);
                    throw binding.Expired();
                }

                // COMMIT once no statement runs; afterwards the client refuses to run anything. Inline, not a method of
                // its own: one state machine fewer per transaction.
                var lease = await binding.EnterAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    using var activity = LinqDiagnostics.StartCommand(OperationInfo.Of(LinqOperation.Transaction), "COMMIT", db.Executor.DatabaseName);
                    await binding.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (NpgsqlException error) when (CommitFailure(db, error) is { } mapped)
                {
                    throw mapped;
                }
                finally
                {
                    binding.Finish();
                    await lease.DisposeAsync().ConfigureAwait(false);
                }

                if (binding.CacheTags is { } written && db.ResultCache is { } cache)
                {
                    // Only now may other readers see the writes: invalidating earlier could let them cache the old rows again.
                    await cache.InvalidateAsync(written).ConfigureAwait(false);
                }

                return result;
            }
            catch (TransactionConflictException conflict) when (attempt < options.MaxRetries)
            {
                // Exponential backoff with jitter, so the transactions that collided do not collide again in step.
                var delay = options.RetryDelay * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble());
                TransactionEvents.Retried(db.Executor.Telemetry, conflict, attempt + 1, options.MaxRetries, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                TransactionEvents.Failed(db.Executor.Telemetry, span, error, options.Timeout);
                throw;
            }
        }
    }

    // BEGIN is sent with the first statement, not on its own round trip (so this completes without allocating).
    private static async ValueTask<NpgsqlTransaction> BeginAsync(LinqDatabase db, NpgsqlConnection connection, TransactionOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            return await connection.BeginTransactionAsync(options.IsolationLevel, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw ConnectionFaults.Map(error, db.DataSource) ?? ErrorMapper.Map(error, db.Metadata);
        }
        catch (NpgsqlException error) when (ConnectionFaults.Map(error, db.DataSource, options.MaxWait) is { } mapped)
        {
            throw mapped;
        }
    }

    // What a failed COMMIT becomes: a serializable transaction can fail there (40001), typed so the retry loop sees it;
    // a connection that broke at COMMIT leaves unknown whether the transaction committed (ConnectionClosedException says so).
    private static Exception? CommitFailure(LinqDatabase db, NpgsqlException error) => error is PostgresException postgres
        ? ConnectionFaults.Map(postgres, db.DataSource) ?? ErrorMapper.Map(postgres, db.Metadata)
        : ConnectionFaults.Map(error, db.DataSource, TimeSpan.Zero);

    // ROLLBACK once no statement runs; afterwards the client refuses to run anything.
    private static async Task EndAsync(TransactionBinding binding)
    {
        if (binding.Finished)
        {
            await binding.DrainAsync().ConfigureAwait(false);
            await binding.RollbackQuietlyAsync().ConfigureAwait(false);
            return;
        }

        await using (await binding.EnterAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await binding.RollbackQuietlyAsync().ConfigureAwait(false);
            }
            finally
            {
                binding.Finish();
            }
        }
    }

    // The source MaxWait's timer would cancel, kept for the next transaction of this thread when the pool handed out a
    // connection at once (the timer was never armed): one CancellationTokenSource fewer per transaction.
    [ThreadStatic]
    private static CancellationTokenSource? _spareWait;

    private static ValueTask<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            return WaitForConnectionAsync(dataSource.OpenConnectionAsync(linked.Token), linked, maxWait, dataSource, cancellationToken);
        }

        var wait = _spareWait ?? new CancellationTokenSource();
        _spareWait = null;
        var pending = dataSource.OpenConnectionAsync(wait.Token);
        if (!pending.IsCompletedSuccessfully)
        {
            return WaitForConnectionAsync(pending, wait, maxWait, dataSource, cancellationToken);
        }

        // Reset: not cancelled (never armed), and whatever registered on its token is unregistered.
        if (wait.TryReset())
        {
            _spareWait = wait;
        }
        else
        {
            wait.Dispose();
        }

        return pending;
    }

    // MaxWait's timer is armed only when the pool cannot hand out a connection at once (it has to wait for one or
    // open one): an idle pooled connection, the usual case, comes back synchronously and needs no timer.
    private static async ValueTask<NpgsqlConnection> WaitForConnectionAsync(ValueTask<NpgsqlConnection> pending, CancellationTokenSource wait, TimeSpan maxWait,
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        using (wait)
        {
            try
            {
                if (!pending.IsCompleted)
                {
                    wait.CancelAfter(maxWait);
                }

                return await pending.ConfigureAwait(false);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PoolTimeoutException(maxWait, error);
            }
            catch (NpgsqlException error) when (error.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // Npgsql's own pool wait (the connection string's Timeout) ran out first.
                throw new PoolTimeoutException(maxWait, error);
            }
            catch (NpgsqlException error) when (ConnectionFaults.Map(error, dataSource, maxWait) is { } mapped)
            {
                throw mapped;
            }
        }
    }

    private static async Task<TResult> SavepointAsync<TDb, TResult>(TDb db, TransactionBinding binding, Func<TDb, Task<TResult>> body, CancellationToken cancellationToken)
        where TDb : LinqDatabase
    {
        var name = binding.NextSavepoint();
        await db.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.Transaction), "SAVEPOINT " + name, [], cancellationToken).ConfigureAwait(false);
        TResult result;
        try
        {
            result = await body(db).ConfigureAwait(false);
        }
        catch when (!binding.Finished)
        {
            await db.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.Transaction), "ROLLBACK TO SAVEPOINT " + name, [], CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await db.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.Transaction), "RELEASE SAVEPOINT " + name, [], cancellationToken).ConfigureAwait(false);
        return result;
    }
}
