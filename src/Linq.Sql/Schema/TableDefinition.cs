namespace Linq.Sql.Schema;

/// <summary>A table with its columns and constraints.</summary>
/// <param name="Name">Table name (quoted when rendered).</param>
/// <param name="Columns">Columns in table order.</param>
/// <param name="PrimaryKey">Primary key columns in key order; empty when the table has none.</param>
/// <param name="Uniques">Unique constraints.</param>
/// <param name="ForeignKeys">Foreign keys this table owns.</param>
/// <param name="Indexes">Indexes that back no constraint (non-unique or unique).</param>
/// <param name="Schema">The schema (namespace), or null for the connection's current schema; rendered names are qualified only when it is set.</param>
/// <param name="PrimaryKeyName">The primary key constraint's name, or null for <see cref="DefaultPrimaryKeyName"/>.</param>
public sealed record TableDefinition(
    string Name,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<UniqueConstraintDefinition> Uniques,
    IReadOnlyList<ForeignKeyDefinition> ForeignKeys,
    IReadOnlyList<IndexDefinition> Indexes,
    string? Schema = null,
    string? PrimaryKeyName = null)
{
    /// <summary>
    /// CHECK constraints of a recognized kind (<see cref="CheckConstraintKind"/>), at most one per column and kind;
    /// other checks are not part of the model.
    /// </summary>
    public IReadOnlyList<CheckConstraintDefinition> Checks { get; init; } = [];

    /// <summary>The table's name with its schema.</summary>
    public QualifiedName QualifiedName => new(Schema, Name);

    /// <summary>The name the primary key constraint gets when <see cref="PrimaryKeyName"/> is null: <c>&lt;table&gt;_pkey</c>, as PostgreSQL names it.</summary>
    public string DefaultPrimaryKeyName => Name + "_pkey";

    /// <summary>The primary key constraint's name: <see cref="PrimaryKeyName"/>, or <see cref="DefaultPrimaryKeyName"/>.</summary>
    public string EffectivePrimaryKeyName => PrimaryKeyName ?? DefaultPrimaryKeyName;
}
