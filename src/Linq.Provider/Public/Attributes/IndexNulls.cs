namespace Linq;

/// <summary>Where an <see cref="IndexAttribute"/> index puts the NULLs of its nullable columns.</summary>
public enum IndexNulls
{
    /// <summary>
    /// The default: every nullable column is indexed <c>NULLS FIRST</c>, as LINQ sorts it (NULL first ascending, last
    /// descending), so the index serves <c>OrderBy</c>/<c>ThenBy</c> forwards and <c>OrderByDescending</c>/<c>ThenByDescending</c>
    /// backwards, and equality and range lookups as well. Columns that cannot be NULL get no option.
    /// </summary>
    First,

    /// <summary>
    /// PostgreSQL's default, <c>NULLS LAST</c> ascending (no option in the DDL): what <c>linq db pull</c> writes for a plain
    /// index on a nullable column, so an existing index stays as it is. It serves lookups, but a LINQ ordering by a
    /// nullable column of it sorts instead of reading the index.
    /// </summary>
    Last,
}
