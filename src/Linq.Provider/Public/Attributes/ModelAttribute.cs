namespace Linq;

/// <summary>
/// Marks a <c>partial</c> class as a model: one table. The source generator completes the class with its
/// metadata, a reflection-free materializer and typed write inputs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The table name; defaults to the class name (like Prisma's <c>@@map</c>).</summary>
    public string? Table { get; set; }
}
