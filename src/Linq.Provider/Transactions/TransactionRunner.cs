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
            try
            {
                return await RunOnceAsync(db, body, options, cancellationToken).ConfigureAwait(false);
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

    private static async Task<TResult> RunOnceAsync<TDb, TResult>(TDb db, Func<TDb, Task<TResult>> body, TransactionOptions options, CancellationToken cancellationToken)
        where TDb : LinqDatabase
    {
        await using var connection = await OpenAsync(db.DataSource, options.MaxWait, cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction transaction;
        try
        {
            // BEGIN is sent with the first statement, not on its own round trip.
            transaction = await connection.BeginTransactionAsync(options.IsolationLevel, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw ConnectionFaults.Map(error, db.DataSource) ?? ErrorMapper.Map(error, db.Metadata);
        }
        catch (NpgsqlException error) when (ConnectionFaults.Map(error, db.DataSource, options.MaxWait) is { } mapped)
        {
            throw mapped;
        }

        await using var _ = transaction;
        using var binding = new TransactionBinding(db, connection, transaction, options.Timeout);
        var client = (TDb)db.BindTo(binding);
        TResult result;
        try
        {
            result = await AmbientTransaction.RunAsync(binding, body, client).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await EndAsync(binding, commit: false).ConfigureAwait(false);
            if (binding.TimedOut && error is not TransactionTimeoutException)
            {
                throw binding.Expired(error);
            }

            throw;
        }

        if (binding.TimedOut)
        {
            await EndAsync(binding, commit: false).ConfigureAwait(false);
            throw binding.Expired();
        }

        await EndAsync(binding, commit: true, db, cancellationToken).ConfigureAwait(false);
        if (binding.CacheTags is { } written && db?.ResultCache is { } cache)
        {
            // Only now may other readers see the writes: invalidating earlier could let them cache the old rows again.
            await cache.InvalidateAsync(written).ConfigureAwait(false);
        }

        return result;
    }

    // COMMIT or ROLLBACK once no statement runs; afterwards the client refuses to run anything.
    private static async Task EndAsync(TransactionBinding binding, bool commit, LinqDatabase? db = null, CancellationToken cancellationToken = default)
    {
        if (binding.Finished)
        {
            await binding.DrainAsync().ConfigureAwait(false);
            await binding.RollbackQuietlyAsync().ConfigureAwait(false);
            return;
        }

        await using (var lease = await binding.EnterAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                if (commit)
                {
                    using var activity = LinqDiagnostics.StartCommand(OperationInfo.Of(LinqOperation.Transaction), "COMMIT", db?.Executor.DatabaseName);
                    await binding.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await binding.RollbackQuietlyAsync().ConfigureAwait(false);
                }
            }
            catch (PostgresException error) when (db is not null)
            {
                // A serializable transaction can fail at COMMIT (40001): typed, so the retry loop sees it.
                throw ConnectionFaults.Map(error, db.DataSource) ?? ErrorMapper.Map(error, db.Metadata);
            }
            catch (NpgsqlException error) when (db is not null && ConnectionFaults.Map(error, db.DataSource, TimeSpan.Zero) is { } mapped)
            {
                // The connection broke at COMMIT: whether the transaction committed is unknown (ConnectionClosedException says so).
                throw mapped;
            }
            finally
            {
                binding.Finish();
            }
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            return await dataSource.OpenConnectionAsync(wait.Token).ConfigureAwait(false);
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
