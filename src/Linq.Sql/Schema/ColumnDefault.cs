using System.Globalization;
using Linq.Sql.Rendering;

namespace Linq.Sql.Schema;

/// <summary>A column's <c>DEFAULT</c> clause. Only literal kinds known at compile time exist, so DDL never embeds input.</summary>
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

    /// <summary>A text literal cast to a type, e.g. an enum label <c>'User'::"Role"</c>.</summary>
    public static ColumnDefault TypedText(string value, string typeName) => new(StringLiteral.Quote(value) + "::" + typeName);
}
