namespace Linq.Sql.Syntax;

/// <summary><c>operand = ANY(array)</c>: membership in an array (one parameter for a whole list).</summary>
internal sealed record SqlAnyExpression(SqlExpression Operand, SqlExpression Array) : SqlExpression;
