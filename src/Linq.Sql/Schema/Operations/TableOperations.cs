namespace Linq.Sql.Schema.Operations;

/// <summary><c>CREATE TABLE</c> with its columns, primary key and unique constraints; foreign keys and indexes are separate operations.</summary>
/// <param name="Table">The table to create.</param>
public sealed record CreateTableOperation(TableDefinition Table) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"create table {Table.QualifiedName.ToSql()}";
}

/// <summary><c>DROP TABLE</c>: the table and its rows are gone.</summary>
/// <param name="Table">The table, as it is before the change.</param>
public sealed record DropTableOperation(TableDefinition Table) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop table {Table.QualifiedName.ToSql()}";
}
