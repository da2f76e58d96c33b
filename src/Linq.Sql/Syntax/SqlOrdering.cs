namespace Linq.Sql.Syntax;

/// <summary>
/// One <c>ORDER BY</c> key. <paramref name="NullsLow"/> sorts NULL below every value, as .NET's default comparer
/// does (<c>NULLS FIRST</c> ascending, <c>NULLS LAST</c> descending; PostgreSQL's default is the opposite), so
/// flipping <paramref name="Descending"/> still reverses the order exactly.
/// </summary>
internal sealed record SqlOrdering(SqlExpression Expression, bool Descending = false, bool NullsLow = false) : SqlNode;
