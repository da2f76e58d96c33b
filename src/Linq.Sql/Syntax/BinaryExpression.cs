namespace Linq.Sql.Syntax;

/// <summary><c>left op right</c>.</summary>
public sealed record BinaryExpression(BinaryOperator Operator, SqlExpression Left, SqlExpression Right) : SqlExpression;
