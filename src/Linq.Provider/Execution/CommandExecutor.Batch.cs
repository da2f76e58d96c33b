using Linq.Writing;
using Npgsql;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// Runs write statements in order, in one round trip (an <see cref="NpgsqlBatch"/>). More than one statement, or
    /// checks to verify, run inside a transaction (a savepoint inside a transaction's client) that is rolled back when
    /// any statement fails or a check does not hold, so a failed write leaves nothing behind.
    /// </summary>
    public async Task ExecuteStepsAsync(IReadOnlyList<WriteStep> steps, CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return;
        }

        var atomic = steps.Count > 1 || steps.Any(s => s.Checks.Count > 0);
        await AtomicallyAsync(steps[0].Sql, atomic, async (connection, transaction, savepoint, token) =>
        {
            // The savepoint, if any, travels in the batch: no round trip of its own.
            await RunBatchAsync(connection, transaction, steps, savepoint, token).ConfigureAwait(false);
            ThrowOnFailedCheck(steps);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a connection: a pooled one (in a transaction when <paramref name="atomic"/>,
    /// committed when the work returns), or the transaction's own (under a savepoint when atomic: the work opens it —
    /// it may send it with its first statement — and this releases it, or rolls back to it when the work throws, so
    /// the transaction stays usable). Errors come out typed.
    /// </summary>
    private async Task AtomicallyAsync(string firstSql, bool atomic, Func<NpgsqlConnection, NpgsqlTransaction?, string?, CancellationToken, Task> work,
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
                    using var commit = LinqDiagnostics.StartCommand("COMMIT", DatabaseName);
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
                await RunSimpleAsync(Binding.Connection, Binding.Transaction, "ROLLBACK TO SAVEPOINT " + savepoint, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (savepoint is not null)
            {
                await RunSimpleAsync(Binding.Connection, Binding.Transaction, "RELEASE SAVEPOINT " + savepoint, lease.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (Translate(error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task RunBatchAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<WriteStep> steps, string? savepoint,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (savepoint is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT " + savepoint));
        }

        foreach (var step in steps)
        {
            Log(step.Sql, step.Parameters);
            var command = new NpgsqlBatchCommand(step.Sql);
            command.Parameters.AddRange(step.Parameters);
            batch.BatchCommands.Add(command);
        }

        using var activity = LinqDiagnostics.StartCommand(steps.Count == 1 ? steps[0].Sql : string.Join(";\n", steps.Select(s => s.Sql)), DatabaseName);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // Result sets come only from statements that return rows; the others are skipped (or show up without fields).
            var producing = steps.Where(s => s.ReturnsRows).GetEnumerator();
            do
            {
                if (reader.FieldCount == 0 || !producing.MoveNext())
                {
                    continue;
                }

                var step = producing.Current;
                var rows = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (rows == 0)
                    {
                        foreach (var (check, i) in step.Checks.Select((c, i) => (c, i)))
                        {
                            if (step.Failure is null && reader.GetInt64(step.CheckOffset + i) != check.Expected)
                            {
                                step.Failure = new RecordNotFoundException(check.Model, check.Operation);
                            }
                        }
                    }

                    step.OnRow?.Invoke(reader);
                    rows++;
                }

                step.Rows = rows;
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        var offset = savepoint is null ? 0 : 1;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!step.ReturnsRows)
            {
                step.Rows = batch.BatchCommands[i + offset].RecordsAffected;
            }

            if (step.ExpectOne is { } expected && step.Rows != 1 && step.Failure is null)
            {
                step.Failure = new RecordNotFoundException(expected.Model, expected.Operation);
            }
        }
    }

    private static void ThrowOnFailedCheck(IReadOnlyList<WriteStep> steps)
    {
        // The last step is the root row of an update: when it is missing, that is the error to report, not its children's.
        if ((steps[^1].Failure ?? steps.FirstOrDefault(s => s.Failure is not null)?.Failure) is { } failure)
        {
            throw failure;
        }
    }

    private async Task RunSimpleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(sql, DatabaseName);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
