using Npgsql;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// Reads the catalog on the connection this executor's statements use: a pooled connection, or the transaction's
    /// connection (then inside a savepoint, so a failing read leaves the transaction usable). Not a statement of the
    /// caller's: no interceptors, spans or statement log. Failures come back unmapped.
    /// </summary>
    public async Task<List<T>> ReadCatalogAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        if (Binding is null)
        {
            await using var command = _dataSource.CreateCommand(sql);
            AddParameters(command, parameters);
            return await ReadAsync(command, row, cancellationToken).ConfigureAwait(false);
        }

        var lease = await Binding.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // SAVEPOINT, the read and RELEASE in one round trip; only a failure costs a second (ROLLBACK TO SAVEPOINT).
            var savepoint = Binding.NextSavepoint();
            await using var batch = new NpgsqlBatch(Binding.Connection, Binding.Transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT " + savepoint));
            var read = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                read.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(read);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT " + savepoint));
            try
            {
                await using var reader = await batch.ExecuteReaderAsync(lease.Token).ConfigureAwait(false);
                var rows = new List<T>();
                while (await reader.ReadAsync(lease.Token).ConfigureAwait(false))
                {
                    rows.Add(row(reader));
                }

                while (await reader.NextResultAsync(lease.Token).ConfigureAwait(false))
                {
                }

                return rows;
            }
            catch (PostgresException error) when (error.SqlState != PostgresErrorCodes.InFailedSqlTransaction)
            {
                await using var undo = new NpgsqlCommand("ROLLBACK TO SAVEPOINT " + savepoint, Binding.Connection, Binding.Transaction);
                await undo.ExecuteNonQueryAsync(lease.Token).ConfigureAwait(false);
                throw;
            }
        }
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
