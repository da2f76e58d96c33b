using System.Globalization;
using System.Text.RegularExpressions;
using Linq.Sql.Schema;

namespace Linq.Migrations.Introspection;

/// <summary>
/// Turns a default expression as the catalog prints it (<c>pg_get_expr</c>) back into the form a model writes:
/// <c>'x'::text</c> becomes the text literal <c>'x'</c>, <c>'5'::bigint</c> the number <c>5</c>,
/// <c>'User'::"Role"</c> the typed label, <c>now()</c> and booleans themselves. Anything else stays an
/// expression, verbatim.
/// </summary>
internal static partial class DefaultParser
{
    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal)
    {
        "integer", "bigint", "smallint", "numeric", "real", "double precision",
    };

    private static readonly HashSet<string> TextTypes = new(StringComparer.Ordinal) { "text", "character varying", "character" };

    /// <summary>The default, or null for none (including an explicit <c>NULL</c>).</summary>
    /// <param name="expression">The catalog's text, or null.</param>
    /// <param name="columnType">The column's canonical type name.</param>
    public static ColumnDefault? Parse(string? expression, string columnType)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var text = expression.Trim();
        if (NullLiteral().IsMatch(text))
        {
            return null;
        }

        switch (text)
        {
            case "now()":
                return ColumnDefault.Now;
            case "gen_random_uuid()":
                return ColumnDefault.RandomUuid;
            case "true":
                return ColumnDefault.Boolean(true);
            case "false":
                return ColumnDefault.Boolean(false);
        }

        var baseType = BaseName(columnType);
        var number = NumberLiteral().Match(text);
        if (number.Success && NumericTypes.Contains(baseType)
            && (!number.Groups["type"].Success || NumericTypes.Contains(BaseName(TypeNames.Normalize(number.Groups["type"].Value)))))
        {
            var value = number.Groups["value"].Value;
            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)))
            {
                return ColumnDefault.Number(value);
            }
        }

        var literal = StringLiteral().Match(text);
        if (literal.Success)
        {
            var value = literal.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
            var castType = literal.Groups["type"].Success ? TypeNames.Normalize(literal.Groups["type"].Value) : null;
            if (TextTypes.Contains(baseType) && (castType is null || TextTypes.Contains(BaseName(castType))))
            {
                return ColumnDefault.Text(value);
            }

            if (TypeNames.IsUserDefined(columnType) && !TypeNames.IsArray(columnType) && castType is not null)
            {
                return ColumnDefault.TypedText(value, columnType);
            }
        }

        return ColumnDefault.Expression(text);
    }

    /// <summary>Whether two defaults are the same: the same SQL, or numbers of equal value.</summary>
    public static bool AreEqual(ColumnDefault? left, ColumnDefault? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (string.Equals(left.Sql, right.Sql, StringComparison.Ordinal))
        {
            return true;
        }

        return decimal.TryParse(left.Sql, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right.Sql, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            && l == r;
    }

    private static string BaseName(string typeName)
    {
        var paren = typeName.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? typeName : typeName[..paren];
    }

    [GeneratedRegex(@"^NULL(::.+)?$")]
    private static partial Regex NullLiteral();

    [GeneratedRegex(@"^\(?'?(?<value>-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)'?\)?(::(?<type>[a-z ]+(\(\d+(,\d+)?\))?))?$")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"^'(?<value>(?:[^']|'')*)'(::(?<type>.+))?$", RegexOptions.Singleline)]
    private static partial Regex StringLiteral();
}
