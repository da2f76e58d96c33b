using System.ComponentModel;

namespace Linq.Contract;

/// <summary>
/// Receives the values of a write input column by column. Generated inputs call it with the exact static
/// type of each value, so binding creates typed parameters without boxing or reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnValueWriter
{
    /// <summary>The input sets <paramref name="column"/> to <paramref name="value"/>.</summary>
    void Write<TValue>(ColumnMetadata column, TValue value);

    /// <summary>The input sets <paramref name="column"/> to SQL NULL.</summary>
    void WriteNull(ColumnMetadata column);

    /// <summary>The input leaves <paramref name="column"/> to the database (its default or identity).</summary>
    void WriteDefault(ColumnMetadata column);
}
