using System.Data;
using Linq.Contract;
using Npgsql;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// Runs the items of a batch transaction as ONE round trip: <c>BEGIN; item; item; …; COMMIT</c> in one
    /// <see cref="NpgsqlBatch"/> (SAVEPOINT … RELEASE inside a transaction's client). A failing item stops the rest
    /// and the transaction is rolled back.
    /// </summary>
    private async Task RunBatchTransactionCoreAsync(OperationInfo operation, IReadOnlyList<BatchCommandSpec> items, IsolationLevel? isolation, CancellationToken cancellationToken)
    {
        string begin, end, undo;
        if (Binding is null)
        {
            GuardOuterClient(items.Count > 0 ? items[0].Sql : "TransactionAsync");
            begin = isolation switch
            {
                null or IsolationLevel.ReadCommitted => "BEGIN",
                IsolationLevel.RepeatableRead => "BEGIN ISOLATION LEVEL REPEATABLE READ",
                IsolationLevel.Serializable => "BEGIN ISOLATION LEVEL SERIALIZABLE",
                _ => throw new ArgumentException($"PostgreSQL transactions run at ReadCommitted, RepeatableRead or Serializable, not {isolation}."),
            };
            end = "COMMIT";
            undo = "ROLLBACK";
        }
        else
        {
            if (isolation is not null)
            {
                throw new ArgumentException("A batch inside a transaction runs at the transaction's isolation level.", nameof(isolation));
            }

            var savepoint = Binding.NextSavepoint();
            begin = "SAVEPOINT " + savepoint;
            end = "RELEASE SAVEPOINT " + savepoint;
            undo = "ROLLBACK TO SAVEPOINT " + savepoint;
        }

        var record = Telemetry.Start(operation, begin, items, end);
        // The connection (or the transaction's lease) and the batch in this one method: a second awaiting method would
        // be one more state machine per batch.
        NpgsqlConnection? owned = null;
        TransactionBinding.Lease? lease = null;
        try
        {
            NpgsqlConnection connection;
            NpgsqlTransaction? transaction;
            var token = cancellationToken;
            if (Binding is null)
            {
                connection = owned = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                transaction = null;
            }
            else
            {
                var held = await Binding.EnterAsync(cancellationToken).ConfigureAwait(false);
                lease = held;
                (connection, transaction, token) = (Binding.Connection, Binding.Transaction, held.Token);
            }

            await using var batch = NewBatch(connection, transaction, items, begin, end);
            try
            {
                await using var reader = await batch.ExecuteReaderAsync(token).ConfigureAwait(false);
                var next = 0;
                do
                {
                    if (reader.FieldCount > 0 && next < items.Count)
                    {
                        await items[next++].Read(reader, token).ConfigureAwait(false);
                    }
                }
                while (await reader.NextResultAsync(token).ConfigureAwait(false));
            }
            catch (Exception) when (connection.State == ConnectionState.Open)
            {
                // The failed item stopped the batch before its COMMIT: end the transaction here so the connection goes back clean.
                await UndoAsync(connection, transaction, undo).ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception error) when (Failed(record, error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
        catch (Exception error)
        {
            record?.Fail(error, cancellationToken);
            throw;
        }
        finally
        {
            if (lease is { } release)
            {
                await release.DisposeAsync().ConfigureAwait(false);
            }

            if (owned is not null)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }

            record?.End();

            // Committed (or rolled back: invalidating then only costs a re-read). Its items' writes invalidate their tables.
            if (CachesResults)
            {
                await WrittenAsync(OperationInfo.Of(LinqOperation.UpdateMany), string.Join(";\n", items.Select(i => i.Sql))).ConfigureAwait(false);
            }
        }
    }

    private static NpgsqlBatch NewBatch(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<BatchCommandSpec> items, string begin, string end)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(begin));
        // Loops by index: foreach over the interface and AddRange (an Array) would each allocate an enumerator.
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var command = new NpgsqlBatchCommand(item.Sql);
            var parameters = command.Parameters;
            foreach (var parameter in item.Parameters)
            {
                parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(end));
        return batch;
    }

    private static async Task UndoAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string undo)
    {
        try
        {
            await using var rollback = new NpgsqlCommand(undo, connection, transaction);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Nothing more to undo (the server already ended the transaction, or the connection broke).
        }
    }
}
