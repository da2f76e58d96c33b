namespace Linq.Sql.Syntax;

/// <summary><c>left op right</c>.</summary>
public sealed record SqlBinaryExpression(SqlBinaryOperator Operator, SqlExpression Left, SqlExpression Right) : SqlExpression;
