namespace Linq.Execution;

/// <summary>How many rows a single-result query may return, with LINQ's rules for each.</summary>
internal enum RowCardinality
{
    /// <summary>Exactly one row (aggregates).</summary>
    Scalar,
    /// <summary><c>First</c>: at least one row.</summary>
    First,
    /// <summary><c>FirstOrDefault</c>: default when empty.</summary>
    FirstOrDefault,
    /// <summary><c>Single</c>: exactly one row.</summary>
    Single,
    /// <summary><c>SingleOrDefault</c>: at most one row.</summary>
    SingleOrDefault,
    /// <summary><c>ElementAt</c>: at least one row, else the index was out of range.</summary>
    ElementAt,
}
