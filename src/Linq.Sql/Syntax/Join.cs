namespace Linq.Sql.Syntax;

/// <summary><c>kind JOIN table ON condition</c>.</summary>
public sealed record Join(JoinKind Kind, TableSource Table, SqlExpression On) : SqlNode;
