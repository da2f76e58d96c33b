using System.ComponentModel;

namespace Linq.Contract;

/// <summary>The cardinality of a navigation property.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum RelationKind
{
    /// <summary>A single related row (or null).</summary>
    ToOne,
    /// <summary>A list of related rows.</summary>
    ToMany,
}
