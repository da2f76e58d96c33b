namespace Linq.Execution;

/// <summary>One row for a binary COPY: the ordinals of the columns it sets (ascending) and their values (null for SQL NULL).</summary>
internal interface ICopyRow
{
    IEnumerable<int> Ordinals { get; }

    object? this[int ordinal] { get; }
}
