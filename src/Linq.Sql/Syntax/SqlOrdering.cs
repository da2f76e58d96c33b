namespace Linq.Sql.Syntax;

/// <summary>One <c>ORDER BY</c> key.</summary>
internal sealed record SqlOrdering(SqlExpression Expression, bool Descending = false) : SqlNode;
