namespace Linq;

/// <summary>A (non-unique) index over the named properties, in order (like Prisma's <c>@@index</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IndexAttribute(params string[] fields) : Attribute
{
    /// <summary>The indexed properties.</summary>
    public string[] Fields { get; } = fields;

    /// <summary>Optional index name; defaults to <c>Table_col1_col2_idx</c>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Where the index puts NULLs of its nullable columns: <see cref="IndexNulls.First"/> (the default) serves LINQ's
    /// orderings; <see cref="IndexNulls.Last"/> is PostgreSQL's default. No effect when no column can be NULL.
    /// </summary>
    public IndexNulls Nulls { get; set; }
}
