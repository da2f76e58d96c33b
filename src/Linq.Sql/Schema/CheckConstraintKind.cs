namespace Linq.Sql.Schema;

/// <summary>
/// The CHECK constraints the schema model knows, each with a fixed form: other checks are left to the database and
/// never compared, so the differ compares kinds and columns rather than SQL text.
/// </summary>
public enum CheckConstraintKind
{
    /// <summary>
    /// <c>CHECK (abs("column") &lt;= 79228162514264337593543950335)</c>: the column holds no value beyond
    /// <see cref="decimal"/>'s range, so every stored value can be read back. Made for a <c>decimal</c> property on an
    /// unconstrained <c>numeric</c> column (or one with more than 28 digits before the point).
    /// </summary>
    DecimalRange,
}
