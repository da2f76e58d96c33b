namespace Linq.Sql.Syntax;

/// <summary>
/// An aggregate call with its own ordering: <c>name([DISTINCT] arg, … ORDER BY …) [FILTER (WHERE …)]</c>, e.g.
/// <c>json_agg(x ORDER BY n)</c>, <c>count(DISTINCT x) FILTER (WHERE p)</c>.
/// </summary>
/// <param name="Name">The aggregate (written as is: it comes from the translator, never from user input).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="OrderBy">The order the rows are fed in (none: any order).</param>
/// <param name="Distinct">Whether each distinct argument value is fed once.</param>
/// <param name="Filter">The rows fed in, when not every row of the group.</param>
internal sealed record SqlAggregateExpression(string Name, IReadOnlyList<SqlExpression> Arguments, IReadOnlyList<SqlOrdering> OrderBy,
    bool Distinct = false, SqlExpression? Filter = null) : SqlExpression;
