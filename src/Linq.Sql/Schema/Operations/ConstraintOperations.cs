namespace Linq.Sql.Schema.Operations;

/// <summary><c>CREATE [UNIQUE] INDEX</c>.</summary>
/// <param name="Table">The table.</param>
/// <param name="Index">The index.</param>
public sealed record CreateIndexOperation(QualifiedName Table, IndexDefinition Index) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description =>
        $"create {(Index.Unique ? "unique " : "")}index {Rendering.Identifier.Quote(Index.Name)} on {Table.ToSql()} "
        + "(" + string.Join(", ", Index.Columns.Select(c => Rendering.Identifier.Quote(c) + (Index.IsNullsFirst(c) ? " NULLS FIRST" : ""))) + ")";
}

/// <summary><c>DROP INDEX</c>.</summary>
/// <param name="Table">The table (the index lives in its schema).</param>
/// <param name="Index">The index, as it is before the change.</param>
public sealed record DropIndexOperation(QualifiedName Table, IndexDefinition Index) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop index {Rendering.Identifier.Quote(Index.Name)} on {Table.ToSql()}";
}

/// <summary><c>ALTER TABLE … ADD CONSTRAINT … UNIQUE</c>.</summary>
/// <param name="Table">The table.</param>
/// <param name="Unique">The constraint.</param>
public sealed record AddUniqueConstraintOperation(QualifiedName Table, UniqueConstraintDefinition Unique) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"add unique {Rendering.Identifier.Quote(Unique.Name)} on {Table.ToSql()} {List(Unique.Columns)}";
}

/// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a unique constraint.</summary>
/// <param name="Table">The table.</param>
/// <param name="Unique">The constraint, as it is before the change.</param>
public sealed record DropUniqueConstraintOperation(QualifiedName Table, UniqueConstraintDefinition Unique) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop unique {Rendering.Identifier.Quote(Unique.Name)} on {Table.ToSql()}";
}

/// <summary><c>ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY</c>.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The key columns, in key order.</param>
public sealed record AddPrimaryKeyOperation(QualifiedName Table, string Name, IReadOnlyList<string> Columns) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"add primary key {Rendering.Identifier.Quote(Name)} on {Table.ToSql()} {List(Columns)}";
}

/// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of the primary key.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The key columns before the change.</param>
public sealed record DropPrimaryKeyOperation(QualifiedName Table, string Name, IReadOnlyList<string> Columns) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop primary key {Rendering.Identifier.Quote(Name)} on {Table.ToSql()}";
}

/// <summary><c>ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY … REFERENCES … ON DELETE … ON UPDATE …</c>.</summary>
/// <param name="Table">The referencing table.</param>
/// <param name="ForeignKey">The constraint.</param>
public sealed record AddForeignKeyOperation(QualifiedName Table, ForeignKeyDefinition ForeignKey) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description =>
        $"add foreign key {Rendering.Identifier.Quote(ForeignKey.Name)} on {Table.ToSql()} {List(ForeignKey.Columns)} -> {ForeignKey.ReferencedQualifiedName.ToSql()} {List(ForeignKey.ReferencedColumns)}";
}

/// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a foreign key.</summary>
/// <param name="Table">The referencing table.</param>
/// <param name="ForeignKey">The constraint, as it is before the change.</param>
public sealed record DropForeignKeyOperation(QualifiedName Table, ForeignKeyDefinition ForeignKey) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop foreign key {Rendering.Identifier.Quote(ForeignKey.Name)} on {Table.ToSql()}";
}
