using Linq.Modeling;

namespace Linq.Writing;

/// <summary>Records one create input as column values (boxed, for building column arrays) and which columns it leaves to the database.</summary>
internal sealed class RowCollector : IColumnValueWriter
{
    public SortedDictionary<int, object?> Values { get; } = [];

    public void Write<TValue>(ColumnMetadata column, TValue value) => Values[column.Ordinal] = value;

    public void WriteNull(ColumnMetadata column) => Values[column.Ordinal] = null;

    public void WriteDefault(ColumnMetadata column)
    {
    }

    /// <summary>The set columns, as a key that groups rows insertable by one statement.</summary>
    public string Mask => string.Join(",", Values.Keys);
}
