namespace Linq.Querying.Relations;

/// <summary>A related row of a many-to-many follow-up, with the key of the parent it was loaded for (one row per pair).</summary>
internal sealed class LinkedRow(object key, object entity)
{
    public object Key { get; } = key;

    public object Entity { get; } = entity;
}
