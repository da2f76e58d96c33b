namespace Linq;

/// <summary>
/// A GIN index for full-text search on a text property: <c>CREATE INDEX … USING gin (to_tsvector('config', "column"))</c>.
/// <see cref="Pg.Matches(string, string)"/> and <see cref="Pg.Rank(string, string)"/> on the property use the same
/// configuration, written as the same expression, so PostgreSQL's planner can use the index.
/// </summary>
/// <param name="config">
/// The text search configuration (<c>simple</c>, <c>english</c>, <c>german</c>, … or a schema-qualified name); letters,
/// digits, <c>_</c> and one <c>.</c> only. Defaults to <c>simple</c> (no stemming, no stop words).
/// </param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FullTextIndexAttribute(string config = "simple") : Attribute
{
    /// <summary>The text search configuration.</summary>
    public string Config { get; } = config;

    /// <summary>Optional index name; defaults to <c>Table_column_fts_idx</c>.</summary>
    public string? Name { get; set; }
}
