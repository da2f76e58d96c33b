namespace Linq.Sql.Syntax;

/// <summary><c>EXISTS (subquery)</c>.</summary>
public sealed record SqlExistsExpression(SqlSelectStatement Subquery) : SqlExpression;
