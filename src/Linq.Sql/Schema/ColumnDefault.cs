using System.Globalization;
using Linq.Sql.Rendering;

namespace Linq.Sql.Schema;

/// <summary>
/// A column's <c>DEFAULT</c> clause. Models build it from literal kinds known at compile time, so DDL never embeds
/// input; <see cref="Expression"/> carries an expression read back from a database's catalog.
/// </summary>
public sealed record ColumnDefault
{
    private ColumnDefault(string sql) => Sql = sql;

    /// <summary>The rendered default expression.</summary>
    public string Sql { get; }

    /// <summary><c>now()</c>: the transaction's timestamp.</summary>
    public static ColumnDefault Now { get; } = new("now()");

    /// <summary><c>gen_random_uuid()</c>.</summary>
    public static ColumnDefault RandomUuid { get; } = new("gen_random_uuid()");

    /// <summary>A boolean literal.</summary>
    public static ColumnDefault Boolean(bool value) => new(value ? "true" : "false");

    /// <summary>A finite numeric literal given in invariant culture; anything else (including NaN and Infinity) is rejected.</summary>
    public static ColumnDefault Number(string invariantText)
    {
        if (!decimal.TryParse(invariantText, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !(double.TryParse(invariantText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)))
        {
            throw new ArgumentException($"'{invariantText}' is not a number.", nameof(invariantText));
        }

        return new(invariantText);
    }

    /// <summary>A text literal, quoted.</summary>
    public static ColumnDefault Text(string value) => new(StringLiteral.Quote(value));

    /// <summary>
    /// An expression as PostgreSQL's catalog prints it (<c>pg_get_expr</c>), for schemas read from a live database:
    /// the text is rendered verbatim, so it must come from the catalog, never from user input.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or contains a NUL character.</exception>
    public static ColumnDefault Expression(string catalogSql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(catalogSql);
        if (catalogSql.Contains('\0'))
        {
            throw new ArgumentException("A default expression cannot contain a NUL character.", nameof(catalogSql));
        }

        return new(catalogSql);
    }

    /// <inheritdoc />
    public override string ToString() => Sql;

    /// <summary>A text literal cast to a type, e.g. an enum label <c>'User'::"Role"</c>.</summary>
    public static ColumnDefault TypedText(string value, string typeName) => new(StringLiteral.Quote(value) + "::" + typeName);
}
