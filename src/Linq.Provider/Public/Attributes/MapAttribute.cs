namespace Linq;

/// <summary>
/// Gives a model property's column, or a <c>[DbEnum]</c> member's PostgreSQL label, a name other than the C# one
/// (like Prisma's <c>@map</c>): <c>[Map("created_at")] public DateTime CreatedAt</c>, <c>[Map("PG-13")] Pg13</c>.
/// </summary>
/// <remarks>
/// On an enum member the label is what PostgreSQL stores, sends and sorts by; the member's name stays what C# writes
/// (<c>ToString()</c>, also inside a query, and System.Text.Json). Anywhere else on a field it is a compile error (LINQ075).
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class MapAttribute(string column) : Attribute
{
    /// <summary>The column name, or on an enum member the label.</summary>
    public string Column { get; } = column;
}
