namespace Linq;

/// <summary>A (non-unique) index over the named properties, in order (like Prisma's <c>@@index</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IndexAttribute(params string[] fields) : Attribute
{
    /// <summary>The indexed properties.</summary>
    public string[] Fields { get; } = fields;

    /// <summary>Optional index name; defaults to <c>Table_col1_col2_idx</c>.</summary>
    public string? Name { get; set; }
}
