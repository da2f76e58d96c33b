namespace Linq.Sql.Syntax;

/// <summary><c>"column" = value</c> in an <c>UPDATE … SET</c> or <c>ON CONFLICT DO UPDATE SET</c>.</summary>
internal sealed record SqlAssignment(string Column, SqlExpression Value) : SqlNode;
