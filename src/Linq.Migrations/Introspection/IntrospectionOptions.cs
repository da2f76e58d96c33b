namespace Linq.Migrations.Introspection;

/// <summary>What <see cref="SchemaIntrospector"/> reads.</summary>
public sealed class IntrospectionOptions
{
    /// <summary>
    /// The schemas to read. Empty (the default) reads the connection's current schema (<c>current_schema()</c>, the
    /// first existing schema of the search path). Objects in the current schema get a null schema name in the result,
    /// the others their schema's name, so a model whose names are unqualified compares equal.
    /// </summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    /// <summary>Tables to leave out, by name, in every schema read. By default the migration history table.</summary>
    public IReadOnlyList<string> ExcludedTables { get; init; } = [History.MigrationDeployer.HistoryTableName];
}
