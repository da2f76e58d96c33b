namespace Linq;

/// <summary>
/// A unique key. On a property: that column is unique. On a class: the named properties are unique together
/// (like Prisma's <c>@@unique([a, b])</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UniqueAttribute : Attribute
{
    /// <summary>A unique property.</summary>
    public UniqueAttribute() => Fields = [];

    /// <summary>A composite unique key over the named properties (use <c>nameof</c>).</summary>
    public UniqueAttribute(params string[] fields) => Fields = fields;

    /// <summary>The properties of a class-level key.</summary>
    public string[] Fields { get; }

    /// <summary>Optional constraint name, on a property or a class; defaults to <c>Table_col1_col2_key</c>. Not empty or blank (LINQ067).</summary>
    public string? Name { get; set; }
}
