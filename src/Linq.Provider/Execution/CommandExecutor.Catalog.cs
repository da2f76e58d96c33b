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
            var savepoint = Binding.NextSavepoint();
            await Binding.Transaction.SaveAsync(savepoint, lease.Token).ConfigureAwait(false);
            try
            {
                await using var command = new NpgsqlCommand(sql, Binding.Connection, Binding.Transaction);
                AddParameters(command, parameters);
                var rows = await ReadAsync(command, row, lease.Token).ConfigureAwait(false);
                await Binding.Transaction.ReleaseAsync(savepoint, lease.Token).ConfigureAwait(false);
                return rows;
            }
            catch (PostgresException)
            {
                await Binding.Transaction.RollbackAsync(savepoint, lease.Token).ConfigureAwait(false);
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
