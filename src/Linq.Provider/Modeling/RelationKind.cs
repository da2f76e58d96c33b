namespace Linq.Modeling;

/// <summary>The cardinality of a navigation property.</summary>
public enum RelationKind
{
    /// <summary>A single related row (or null).</summary>
    ToOne,
    /// <summary>A list of related rows.</summary>
    ToMany,
}
