namespace Linq.Sql.Syntax;

/// <summary>One entry of a select list: <c>expression [AS "alias"]</c>.</summary>
internal sealed record SqlSelectItem(SqlExpression Expression, string? Alias = null) : SqlNode;
