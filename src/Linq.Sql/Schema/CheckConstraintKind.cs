namespace Linq.Sql.Schema;

/// <summary>
/// The CHECK constraints the schema model knows, each with a fixed form: other checks are left to the database and
/// never compared, so the differ compares kinds and columns rather than SQL text.
/// </summary>
public enum CheckConstraintKind
{
    /// <summary>
    /// <c>CHECK (abs("column") &lt;= 79228162514264337593543950335 AND scale("column") &lt;= 28 AND abs("column") *
    /// power(10.0, scale("column")) &lt;= 79228162514264337593543950335)</c>:
    /// the column holds only values a <see cref="decimal"/> reads back as stored (at most 28 places, and at most 96 bits
    /// of digits counting the places of the value's scale). Made for a <c>decimal</c> property on an unconstrained
    /// <c>numeric</c> column (or one with more than 28 digits before the point).
    /// </summary>
    DecimalRange,

    /// <summary>
    /// <c>CHECK (abs("column") &lt;= 79228162514264337593543950335)</c>: the range check older versions created, which bounds
    /// the magnitude only (a value within it may still have more digits than a <see cref="decimal"/> holds). The model never
    /// makes it; introspection reads it so that a diff replaces it with <see cref="DecimalRange"/>.
    /// </summary>
    DecimalMagnitude,
}
