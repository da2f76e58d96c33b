using System.ComponentModel;

namespace Linq.Contract;

/// <summary>A unique key, index or primary key: a name and its columns in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyMetadata(string name, IReadOnlyList<ColumnMetadata> columns)
{
    /// <summary>The constraint or index name.</summary>
    public string Name { get; } = name;

    /// <summary>The columns, in key order.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; } = columns;

    /// <summary>
    /// For a full-text index (<c>[FullTextIndex]</c>): its text search configuration; the index is then
    /// <c>USING gin (to_tsvector('config', column))</c>. Null for an ordinary index.
    /// </summary>
    public string? TextSearchConfig { get; init; }

    /// <summary>
    /// For an index (<c>[Index(…, Nulls = IndexNulls.Last)]</c>): whether its nullable columns keep PostgreSQL's default
    /// <c>NULLS LAST</c>. False (the default) indexes them <c>NULLS FIRST</c>, the order LINQ sorts them in.
    /// </summary>
    public bool NullsLast { get; init; }

    /// <summary>The property names, for messages.</summary>
    public string Describe() => string.Join(", ", Columns.Select(c => c.PropertyName));
}
