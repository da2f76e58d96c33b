namespace Linq;

/// <summary>The column defaults to <c>now()</c> (like Prisma's <c>@default(now())</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultNowAttribute : Attribute;
