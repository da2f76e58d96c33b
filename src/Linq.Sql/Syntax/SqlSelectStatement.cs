namespace Linq.Sql.Syntax;

/// <summary>
/// <c>SELECT [DISTINCT] items FROM table joins WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … OFFSET …</c>.
/// Every clause but the select list is optional.
/// </summary>
internal sealed record SqlSelectStatement : SqlStatement
{
    /// <summary>The select list; never empty.</summary>
    public required IReadOnlyList<SqlSelectItem> Items { get; init; }

    /// <summary>The <c>FROM</c> table, or null for a <c>SELECT</c> without one.</summary>
    public SqlTableSource? From { get; init; }

    /// <summary>Joins after <see cref="From"/>.</summary>
    public IReadOnlyList<SqlJoin> Joins { get; init; } = [];

    /// <summary>The <c>WHERE</c> condition.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary><c>GROUP BY</c> keys.</summary>
    public IReadOnlyList<SqlExpression> GroupBy { get; init; } = [];

    /// <summary>The <c>HAVING</c> condition.</summary>
    public SqlExpression? Having { get; init; }

    /// <summary><c>ORDER BY</c> keys.</summary>
    public IReadOnlyList<SqlOrdering> OrderBy { get; init; } = [];

    /// <summary><c>LIMIT</c> (normally a parameter).</summary>
    public SqlExpression? Limit { get; init; }

    /// <summary><c>OFFSET</c> (normally a parameter).</summary>
    public SqlExpression? Offset { get; init; }

    /// <summary>Whether this is <c>SELECT DISTINCT</c>.</summary>
    public bool Distinct { get; init; }

    /// <summary>
    /// <c>SELECT DISTINCT ON (…)</c>: the first row of each value of these expressions, in <see cref="OrderBy"/>'s order
    /// (which must start with them). Empty for none.
    /// </summary>
    public IReadOnlyList<SqlExpression> DistinctOn { get; init; } = [];
}
