namespace Linq.Sql.Syntax;

/// <summary>An aggregate call with its own ordering: <c>name(arg, … ORDER BY …)</c>, e.g. <c>json_agg(x ORDER BY n)</c>.</summary>
internal sealed record SqlAggregateExpression(string Name, IReadOnlyList<SqlExpression> Arguments, IReadOnlyList<SqlOrdering> OrderBy) : SqlExpression;
