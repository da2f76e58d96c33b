namespace Linq;

/// <summary>Marks the primary key. Put it on several properties for a composite key (in declaration order).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class IdAttribute : Attribute;
