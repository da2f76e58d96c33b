using Npgsql;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// Runs statements in order, in one round trip (an <see cref="NpgsqlBatch"/>). When <paramref name="atomic"/>, they
    /// run inside a transaction (a savepoint inside a transaction's client) that is rolled back when any statement fails
    /// or <paramref name="verify"/> (called after the batch, before the commit) throws, so a failed write leaves nothing behind.
    /// </summary>
    private async Task ExecuteBatchCoreAsync(OperationInfo operation, IReadOnlyList<IBatchStatement> statements, bool atomic, Action? verify, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        // One record (span, log event) for the whole batch; its COMMIT or RELEASE is a child round trip.
        var record = Telemetry.Start(operation, statements);
        try
        {
            await AtomicallyAsync(operation, statements[0].Sql, atomic, async (connection, transaction, savepoint, token) =>
            {
                // The savepoint, if any, travels in the batch: no round trip of its own.
                await RunBatchAsync(connection, transaction, statements, savepoint, token).ConfigureAwait(false);
                verify?.Invoke();
            }, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                record.Rows = statements.Sum(s => s.Rows);
                record.RoundTrips = atomic ? 2 : 1;
            }

            if (CachesResults)
            {
                await WrittenAsync(operation, string.Join(";\n", statements.Select(s => s.Sql))).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            record?.Fail(error, cancellationToken);
            throw;
        }
        finally
        {
            record?.End();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a connection: a pooled one (in a transaction when <paramref name="atomic"/>,
    /// committed when the work returns), or the transaction's own (under a savepoint when atomic: the work opens it —
    /// it may send it with its first statement — and this releases it, or rolls back to it when the work throws, so
    /// the transaction stays usable). Errors come out typed.
    /// </summary>
    private async Task AtomicallyAsync(OperationInfo operation, string firstSql, bool atomic, Func<NpgsqlConnection, NpgsqlTransaction?, string?, CancellationToken, Task> work,
        CancellationToken cancellationToken)
    {
        try
        {
            if (Binding is null)
            {
                GuardOuterClient(firstSql);
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = atomic ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
                await work(connection, transaction, null, cancellationToken).ConfigureAwait(false);
                if (transaction is not null)
                {
                    using var commit = LinqDiagnostics.StartCommand(operation, "COMMIT", DatabaseName);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            await using var lease = await Binding.EnterAsync(cancellationToken).ConfigureAwait(false);
            var savepoint = atomic ? Binding.NextSavepoint() : null;
            try
            {
                await work(Binding.Connection, Binding.Transaction, savepoint, lease.Token).ConfigureAwait(false);
            }
            catch when (savepoint is not null && !Binding.TimedOut)
            {
                // Undo this write only: the transaction stays usable, as after any statement that failed on its own.
                await RunSimpleAsync(operation, Binding.Connection, Binding.Transaction, "ROLLBACK TO SAVEPOINT " + savepoint, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (savepoint is not null)
            {
                await RunSimpleAsync(operation, Binding.Connection, Binding.Transaction, "RELEASE SAVEPOINT " + savepoint, lease.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (Translate(error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task RunBatchAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<IBatchStatement> statements,
        string? savepoint, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (savepoint is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT " + savepoint));
        }

        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            command.Parameters.AddRange(statement.Parameters);
            batch.BatchCommands.Add(command);
        }

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // Result sets come only from statements that return rows; the others are skipped (or show up without fields).
            var producing = statements.Where(s => s.ReturnsRows).GetEnumerator();
            do
            {
                if (reader.FieldCount == 0 || !producing.MoveNext())
                {
                    continue;
                }

                var statement = producing.Current;
                var rows = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    statement.ReadRow(reader, rows);
                    rows++;
                }

                statement.Rows = rows;
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        var offset = savepoint is null ? 0 : 1;
        for (var i = 0; i < statements.Count; i++)
        {
            if (!statements[i].ReturnsRows)
            {
                statements[i].Rows = batch.BatchCommands[i + offset].RecordsAffected;
            }
        }
    }

    private async Task RunSimpleAsync(OperationInfo operation, NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(operation, sql, DatabaseName);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
