namespace Linq;

/// <summary>The database numbers this <c>int</c>/<c>long</c>/<c>short</c> column (an identity column).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AutoIncrementAttribute : Attribute;
