namespace Linq.Sql.Syntax;

/// <summary><c>operand IN (subquery)</c>.</summary>
internal sealed record SqlInSubqueryExpression(SqlExpression Operand, SqlSelectStatement Subquery) : SqlExpression;
