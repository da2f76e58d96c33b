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
}
