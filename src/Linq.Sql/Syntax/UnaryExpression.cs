namespace Linq.Sql.Syntax;

/// <summary><c>op operand</c>.</summary>
public sealed record UnaryExpression(UnaryOperator Operator, SqlExpression Operand) : SqlExpression;
