namespace Linq.Sql.Syntax;

/// <summary>A parenthesised subquery used as a scalar value: <c>(SELECT …)</c>.</summary>
public sealed record SqlScalarSubqueryExpression(SqlSelectStatement Subquery) : SqlExpression;
