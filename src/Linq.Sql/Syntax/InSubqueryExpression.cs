namespace Linq.Sql.Syntax;

/// <summary><c>operand IN (subquery)</c>.</summary>
public sealed record InSubqueryExpression(SqlExpression Operand, SelectStatement Subquery) : SqlExpression;
