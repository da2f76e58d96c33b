namespace Linq.Sql.Syntax;

/// <summary>One <c>ORDER BY</c> key.</summary>
public sealed record Ordering(SqlExpression Expression, bool Descending = false) : SqlNode;
