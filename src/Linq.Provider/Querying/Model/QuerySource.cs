namespace Linq.Querying.Model;

/// <summary>
/// A row variable of a query: the <c>u</c> of <c>from u in db.Users</c>, a lambda's parameter after parsing. A
/// <see cref="QuerySourceExpression"/> refers to it; translators bind it to a table alias. Compared by reference.
/// </summary>
internal sealed class QuerySource(string name, Type itemType)
{
    public string Name { get; } = name;

    /// <summary>The type of one row (an entity, a projected value, or an <see cref="IGrouping{TKey, TElement}"/>).</summary>
    public Type ItemType { get; } = itemType;

    public override string ToString() => Name;
}
