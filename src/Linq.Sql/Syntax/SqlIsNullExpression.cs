namespace Linq.Sql.Syntax;

/// <summary><c>operand IS NULL</c> or, when <paramref name="Negated"/>, <c>operand IS NOT NULL</c>.</summary>
internal sealed record SqlIsNullExpression(SqlExpression Operand, bool Negated = false) : SqlExpression;
