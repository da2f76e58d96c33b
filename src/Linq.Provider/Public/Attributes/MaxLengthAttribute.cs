namespace Linq;

/// <summary>
/// The string column holds at most <see cref="Length"/> characters: it is <c>varchar(n)</c> instead of <c>text</c>
/// (like Prisma's <c>@db.VarChar(n)</c>). A longer value is refused before any SQL is sent
/// (<see cref="ValueTooLongException"/>, P2000), never truncated.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MaxLengthAttribute(int length) : Attribute
{
    /// <summary>The most characters (Unicode code points, as PostgreSQL counts them) a value may have.</summary>
    public int Length { get; } = length;
}
