using Linq.Contract;
using Npgsql;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// Inserts rows with binary <c>COPY … FROM STDIN</c>, one COPY per shape of row (columns left to the database
    /// differ), all in one transaction (a savepoint inside a transaction's client). Returns the rows copied.
    /// </summary>
    private async Task<int> CopyCoreAsync(OperationInfo operation, ModelMetadata model, IReadOnlyList<IReadOnlyList<ICopyRow>> groups, CancellationToken cancellationToken)
    {
        var count = 0;
        // The operation's span has no text of its own: each COPY (and the COMMIT) is a child round trip.
        var record = Telemetry.StartWithoutText(operation, "COPY " + model.TableName + " FROM STDIN (FORMAT BINARY)");
        try
        {
            await AtomicallyAsync(operation, "COPY " + model.TableName, groups.Count > 1 || Binding is not null, async (connection, transaction, savepoint, token) =>
            {
                if (savepoint is not null)
                {
                    await RunSimpleAsync(operation, connection, transaction, "SAVEPOINT " + savepoint, token).ConfigureAwait(false);
                }

                foreach (var group in groups)
                {
                    count += await CopyGroupAsync(operation, connection, model, group, token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                record.Rows = count;
                record.RoundTrips = groups.Count + (groups.Count > 1 || Binding is not null ? 1 : 0) + (Binding is not null ? 1 : 0);
            }

            if (CachesResults)
            {
                await WrittenAsync(operation, "COPY " + Sql.Rendering.Identifier.Quote(model.TableName)).ConfigureAwait(false);
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

        return count;
    }

    private async Task<int> CopyGroupAsync(OperationInfo operation, NpgsqlConnection connection, ModelMetadata model, IReadOnlyList<ICopyRow> rows, CancellationToken cancellationToken)
    {
        var columns = rows[0].Ordinals.Select(o => model.Columns[o]).ToList();
        var sql = "COPY " + Sql.Rendering.Identifier.Quote(model.TableName) + " ("
            + string.Join(", ", columns.Select(c => Sql.Rendering.Identifier.Quote(c.ColumnName))) + ") FROM STDIN (FORMAT BINARY)";
        using var activity = LinqDiagnostics.StartCommand(operation, sql, DatabaseName);
        var types = columns.Select(c => StoreTypes.ToNpgsqlDbType(c.StoreType)).ToArray();
        var writers = columns.Select(c => CopyValueWriter.For(c.ClrType)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = row[columns[i].Ordinal];
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Throwing here cancels the COPY, which writes nothing.
                    TextValues.Check(value, columns[i].PropertyName);
                    await writers[i](importer, value, types[i], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return (int)await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
