namespace Linq.Sql.Syntax;

/// <summary><c>op operand</c>.</summary>
internal sealed record SqlUnaryExpression(SqlUnaryOperator Operator, SqlExpression Operand) : SqlExpression;
