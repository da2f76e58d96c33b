using System.ComponentModel;

namespace Linq.Contract;

/// <summary>A unique key, index or primary key: a name and its columns in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyMetadata(string name, IReadOnlyList<ColumnMetadata> columns)
{
    /// <summary>The constraint or index name.</summary>
    public string Name { get; } = name;

    /// <summary>The columns, in key order.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; } = columns;

    /// <summary>The property names, for messages.</summary>
    public string Describe() => string.Join(", ", Columns.Select(c => c.PropertyName));
}
