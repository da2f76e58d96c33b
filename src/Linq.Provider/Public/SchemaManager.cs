using Linq.Sql.Schema;

namespace Linq;

/// <summary>The database schema derived from the models: its DDL, and applying it to an empty database.</summary>
public sealed class SchemaManager
{
    private readonly LinqDatabase _database;

    internal SchemaManager(LinqDatabase database) => _database = database;

    /// <summary>The DDL model (enum types, tables, keys, foreign keys, indexes).</summary>
    public SchemaDefinition Definition => _database.Metadata.ToSchemaDefinition();

    /// <summary>The DDL script that creates the schema in an empty database.</summary>
    public string CreateSql() => DdlRenderer.CreateScript(Definition);

    /// <summary>
    /// Creates the schema in an empty database, all in one transaction (nothing is left half-created on
    /// failure), then reloads Npgsql's type cache so the new enum types can be read and written at once.
    /// Full migrations (diff, history) are a separate tool; this is for tests, samples and first deployments.
    /// </summary>
    public async Task PushAsync(CancellationToken cancellationToken = default)
    {
        var script = CreateSql();
        await using (var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new Npgsql.NpgsqlCommand(script, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await _database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
    }
}
