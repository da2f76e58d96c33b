namespace Linq.Sql.Syntax;

/// <summary>A window function: <c>name(args) OVER (PARTITION BY … ORDER BY …)</c>, e.g. <c>row_number()</c>.</summary>
internal sealed record SqlWindowFunctionExpression(string Name, IReadOnlyList<SqlExpression> Arguments, IReadOnlyList<SqlExpression> PartitionBy,
    IReadOnlyList<SqlOrdering> OrderBy) : SqlExpression;
