namespace Linq;

/// <summary>
/// The decimal column is <c>numeric(precision, scale)</c> instead of unconstrained <c>numeric</c> (like Prisma's
/// <c>@db.Decimal(p, s)</c>). A value with more decimal places than <see cref="Scale"/> or more integer digits than
/// <c>precision - scale</c> is refused before any SQL is sent (<see cref="ValueOutOfRangeException"/>, P2020):
/// PostgreSQL would round the first silently.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PrecisionAttribute(int precision, int scale) : Attribute
{
    /// <summary>The total number of significant digits (1 to 1000).</summary>
    public int Precision { get; } = precision;

    /// <summary>The number of digits after the decimal point (0 to <see cref="Precision"/>).</summary>
    public int Scale { get; } = scale;
}
