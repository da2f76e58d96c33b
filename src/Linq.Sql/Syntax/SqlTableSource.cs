namespace Linq.Sql.Syntax;

/// <summary>Something a <c>FROM</c> or <c>JOIN</c> reads rows from.</summary>
internal abstract record SqlTableSource : SqlNode;
