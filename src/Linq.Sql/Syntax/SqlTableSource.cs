namespace Linq.Sql.Syntax;

/// <summary>Something a <c>FROM</c> or <c>JOIN</c> reads rows from.</summary>
public abstract record SqlTableSource : SqlNode;
