namespace Linq;

/// <summary>
/// Stores the enum as a PostgreSQL enum type whose labels are the member names, or a member's <c>[Map("label")]</c>
/// where the label is no C# name (<c>PG-13</c>, <c>in progress</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class DbEnumAttribute : Attribute
{
    /// <summary>The type name in PostgreSQL; defaults to the enum's name.</summary>
    public string? Name { get; set; }
}
