using Linq.Migrations;
using Linq.Migrations.Safety;
using Linq.Sql.Schema;

namespace Linq;

/// <summary>The database schema derived from the models: its DDL, and pushing it to a database without migrations.</summary>
public sealed class SchemaManager
{
    private readonly LinqDatabase _database;

    internal SchemaManager(LinqDatabase database) => _database = database;

    /// <summary>The DDL model (enum types, tables, keys, foreign keys, indexes).</summary>
    public SchemaDefinition Definition => _database.Metadata.ToSchemaDefinition();

    /// <summary>The DDL script that creates the schema in an empty database.</summary>
    public string CreateSql() => DdlRenderer.CreateScript(Definition);

    /// <summary>
    /// Makes the database match the models without a migration history (for prototypes, tests and samples): reads
    /// the database's schema, computes the difference and applies it in one transaction, then reloads Npgsql's type
    /// cache so new enum types can be read and written at once. Pushing an unchanged model does nothing. Changes that
    /// can lose data are refused (<see cref="DataLossException"/>, nothing is changed); see
    /// <see cref="PushAsync(bool, CancellationToken)"/>. For production, use migrations (<c>linq migrate dev</c>, then
    /// <see cref="MigrationManager.DeployAsync(CancellationToken)"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the push; the transaction is rolled back.</param>
    /// <returns>The operations applied, classified (empty when the database already matched).</returns>
    /// <exception cref="DataLossException">The change would drop or narrow something that holds data, or add a constraint existing rows may break.</exception>
    public Task<IReadOnlyList<ClassifiedOperation>> PushAsync(CancellationToken cancellationToken = default) => PushAsync(false, cancellationToken);

    /// <summary>Makes the database match the models without a migration history, optionally accepting changes that lose data.</summary>
    /// <param name="acceptDataLoss">True runs destructive operations too (dropped tables and columns, narrowed types, …).</param>
    /// <param name="cancellationToken">Cancels the push; the transaction is rolled back.</param>
    /// <returns>The operations applied, classified with the rows they affected (empty when the database already matched).</returns>
    /// <exception cref="DataLossException">Destructive operations are needed and <paramref name="acceptDataLoss"/> is false; nothing was changed.</exception>
    public async Task<IReadOnlyList<ClassifiedOperation>> PushAsync(bool acceptDataLoss, CancellationToken cancellationToken = default)
    {
        var applied = await SchemaPush.PushAsync(_database.DataSource, Definition, acceptDataLoss, cancellationToken).ConfigureAwait(false);
        if (applied.Count > 0)
        {
            await _database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }
}
