namespace Linq;

/// <summary>
/// A database default for the column: a boolean, number, string or <c>[DbEnum]</c> member. The create input
/// makes the field optional; when it is not set, the database fills it in.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default value.</summary>
    public object Value { get; } = value;
}
