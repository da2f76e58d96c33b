namespace Linq.Sql.Syntax;

/// <summary><c>operand IN (subquery)</c>.</summary>
public sealed record SqlInSubqueryExpression(SqlExpression Operand, SqlSelectStatement Subquery) : SqlExpression;
