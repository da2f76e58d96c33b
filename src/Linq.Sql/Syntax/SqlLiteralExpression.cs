namespace Linq.Sql.Syntax;

/// <summary>
/// The few literals that may appear in SQL text: <c>NULL</c>, <c>TRUE</c>, <c>FALSE</c> and integers
/// chosen by the translator itself (never user values, which are always parameters).
/// </summary>
internal sealed record SqlLiteralExpression : SqlExpression
{
    private SqlLiteralExpression(string text) => Text = text;

    /// <summary>The SQL text of the literal.</summary>
    public string Text { get; }

    /// <summary><c>NULL</c>.</summary>
    public static SqlLiteralExpression Null { get; } = new("NULL");

    /// <summary><c>TRUE</c>.</summary>
    public static SqlLiteralExpression True { get; } = new("TRUE");

    /// <summary><c>FALSE</c>.</summary>
    public static SqlLiteralExpression False { get; } = new("FALSE");

    /// <summary>
    /// A text literal chosen by the translator itself (a time zone name, a date part): quoted, never user input.
    /// </summary>
    public static SqlLiteralExpression Quoted(string value) => new(Rendering.StringLiteral.Quote(value));

    /// <summary>An integer literal.</summary>
    public static SqlLiteralExpression Integer(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A whole-number literal of type <c>numeric</c> (a bound chosen by the translator, such as <see cref="decimal.MaxValue"/>):
    /// PostgreSQL types an integer literal beyond <c>bigint</c> as <c>numeric</c>.
    /// </summary>
    public static SqlLiteralExpression Numeric(decimal value) =>
        decimal.Truncate(value) == value && value >= 0
            ? new(value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : throw new ArgumentOutOfRangeException(nameof(value), "Only non-negative whole numbers are written as numeric literals.");
}
