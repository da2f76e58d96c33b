namespace Linq.Sql.Syntax;

/// <summary><c>array[index]</c>: one element of a PostgreSQL array (1-based; NULL when out of range).</summary>
internal sealed record SqlSubscriptExpression(SqlExpression Array, SqlExpression Index) : SqlExpression;
