namespace Linq.Sql.Syntax;

/// <summary><c>kind JOIN table ON condition</c>.</summary>
internal sealed record SqlJoin(SqlJoinKind Kind, SqlTableSource Table, SqlExpression On) : SqlNode;
