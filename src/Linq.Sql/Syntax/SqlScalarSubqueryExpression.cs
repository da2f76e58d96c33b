namespace Linq.Sql.Syntax;

/// <summary>A parenthesised subquery used as a scalar value: <c>(SELECT …)</c>.</summary>
internal sealed record SqlScalarSubqueryExpression(SqlSelectStatement Subquery) : SqlExpression;
