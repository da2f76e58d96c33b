namespace Linq.Sql.Syntax;

/// <summary>A row constructor <c>(a, b, …)</c>, compared as a whole: <c>(a, b) &gt; ($1, $2)</c> is lexicographic.</summary>
internal sealed record SqlRowValueExpression(IReadOnlyList<SqlExpression> Items) : SqlExpression;
