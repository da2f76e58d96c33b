namespace Linq.Sql.Syntax;

/// <summary><c>left op right</c>.</summary>
internal sealed record SqlBinaryExpression(SqlBinaryOperator Operator, SqlExpression Left, SqlExpression Right) : SqlExpression;
