using System.ComponentModel;

namespace Linq.Contract;

/// <summary>Receives the set fields of an update input, with their static types (no boxing, no reflection).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpdateValueWriter
{
    /// <summary>The field is set to <paramref name="value"/>.</summary>
    void Set<TValue>(ColumnMetadata column, TValue value);

    /// <summary>The field is set to NULL.</summary>
    void SetNull(ColumnMetadata column);

    /// <summary>The field is changed by a number operation.</summary>
    void Apply(ColumnMetadata column, NumberOperation operation);
}
