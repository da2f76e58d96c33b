using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>ToString(format)</c> of DateTime, DateTimeOffset and DateOnly for the custom formats that <c>to_char</c> writes
/// exactly: <c>yyyy MM dd HH mm ss fff ffffff</c>, the literal <c>T</c> and punctuation (<c>- . , _</c> and space), and
/// <c>:</c> and <c>/</c> while the current culture's separators are those characters. The format is a parameter: each
/// execution's format is converted (and checked) when the query runs. Timestamps are formatted in UTC, as the UTC
/// DateTime read from them prints. Anything else (names of days and months, standard formats such as "d", 12-hour
/// clocks, quoted text) is refused: those depend on the culture or have no exact to_char counterpart.
/// </summary>
internal static class DateFormat
{
    public static bool Handles(MethodCallExpression call) =>
        call.Method.Name == nameof(ToString) && call.Object is not null && call.Arguments.Count == 1 && call.Arguments[0].Type == typeof(string)
        && (call.Object.Type == typeof(DateTime) || call.Object.Type == typeof(DateTimeOffset) || call.Object.Type == typeof(DateOnly));

    public static SqlValue Translate(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var format = call.Arguments[0];
        var dateOnly = call.Object!.Type == typeof(DateOnly);
        if (!SqlExpressionTranslator.IsValue(format) || translator.PeekValue(format) is not string first)
        {
            throw new QueryTranslationException(call, "the format of ToString must be a non-null value.", "Pass a format such as \"yyyy-MM-dd\".");
        }

        // Checked now for an early, clear error; converted again for each execution's value.
        _ = Pattern(first, dateOnly, call);
        var operand = translator.Translate(call.Object);
        var pattern = translator.Value(format, "text", v => Pattern((string)v!, dateOnly, call), typeof(string)).Sql;
        var plain = dateOnly || operand.Column?.StoreType is "timestamp" or "timestamp without time zone";
        var source = plain ? operand.Sql : new SqlFunctionExpression("timezone", SqlLiteralExpression.Quoted("UTC"), operand.Sql);
        return new SqlValue(new SqlFunctionExpression("to_char", source, pattern), operand.MayBeNull);
    }

    private static string Pattern(string format, bool dateOnly, Expression at)
    {
        var culture = CultureInfo.CurrentCulture.DateTimeFormat;
        if (format.Length < 2 || culture.Calendar is not GregorianCalendar)
        {
            throw Refused(at, format, format.Length < 2 ? "a one-letter format is a standard, culture-dependent format" : "the current culture's calendar is not Gregorian");
        }

        var pattern = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            var token = (c, run, dateOnly) switch
            {
                ('y', 4, _) => "YYYY",
                ('M', 2, _) => "MM",
                ('d', 2, _) => "DD",
                ('H', 2, false) => "HH24",
                ('m', 2, false) => "MI",
                ('s', 2, false) => "SS",
                ('f', 3, false) => "MS",
                ('f', 6, false) => "US",
                _ => null,
            };
            if (token is not null)
            {
                pattern.Append(token);
                i += run;
                continue;
            }

            var literal = c switch
            {
                'T' or '-' or '.' or ',' or '_' or ' ' => c,
                ':' when culture.TimeSeparator == ":" => c,
                '/' when culture.DateSeparator == "/" => c,
                _ => throw Refused(at, format, $"'{new string(c, run)}' has no exact to_char counterpart here"),
            };
            pattern.Append('"').Append(literal).Append('"');
            i++;
        }

        return pattern.ToString();
    }

    private static QueryTranslationException Refused(Expression at, string format, string why) =>
        new(at, $"ToString(\"{format}\") cannot be formatted exactly in SQL: {why}.",
            "Use the digits-only tokens yyyy MM dd HH mm ss fff ffffff with - . , _ : / T and spaces, or format after reading.");
}
