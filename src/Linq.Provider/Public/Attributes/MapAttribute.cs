namespace Linq;

/// <summary>Maps a property to a column with another name (like Prisma's <c>@map</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MapAttribute(string column) : Attribute
{
    /// <summary>The column name.</summary>
    public string Column { get; } = column;
}
