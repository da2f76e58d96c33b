namespace Linq.Sql.Syntax;

/// <summary><c>EXISTS (subquery)</c>.</summary>
internal sealed record SqlExistsExpression(SqlSelectStatement Subquery) : SqlExpression;
