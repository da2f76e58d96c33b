namespace Linq.Sql.Syntax;

/// <summary><c>op operand</c>.</summary>
public sealed record SqlUnaryExpression(SqlUnaryOperator Operator, SqlExpression Operand) : SqlExpression;
