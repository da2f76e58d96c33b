namespace Linq;

/// <summary>Stores the enum as a PostgreSQL enum type whose labels are the member names.</summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class DbEnumAttribute : Attribute
{
    /// <summary>The type name in PostgreSQL; defaults to the enum's name.</summary>
    public string? Name { get; set; }
}
