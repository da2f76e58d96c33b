namespace Linq.Sql.Schema;

/// <summary>An index over one or more columns that backs no constraint.</summary>
/// <param name="Name">Index name.</param>
/// <param name="Columns">Indexed columns, in index order.</param>
/// <param name="Unique">Whether it is a unique index (<c>CREATE UNIQUE INDEX</c>); unique constraints are <see cref="UniqueConstraintDefinition"/>.</param>
public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns, bool Unique = false)
{
    /// <summary>
    /// For a full-text index: the text search configuration. The index is then a GIN index over
    /// <c>to_tsvector('config'::regconfig, "column")</c> of its one column. Null for a B-tree index over the columns.
    /// </summary>
    public string? TextSearchConfig { get; init; }

    /// <summary>
    /// The columns of <see cref="Columns"/> the B-tree index orders <c>NULLS FIRST</c> (every column is ascending); the
    /// others have PostgreSQL's default, <c>NULLS LAST</c>. A model puts its nullable columns here, so the index serves
    /// LINQ's orderings, which sort NULL first ascending and last descending (read backwards). Empty by default.
    /// </summary>
    public IReadOnlyList<string> NullsFirstColumns { get; init; } = [];

    /// <summary>Whether <paramref name="column"/> is one of <see cref="NullsFirstColumns"/>.</summary>
    public bool IsNullsFirst(string column) => NullsFirstColumns.Contains(column, StringComparer.Ordinal);
}
