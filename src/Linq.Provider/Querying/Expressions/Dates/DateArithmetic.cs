using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Dates;

/// <summary>
/// <c>AddYears/AddMonths/AddDays/AddHours/AddMinutes/AddSeconds/AddMilliseconds</c> of DateTime, DateTimeOffset and
/// DateOnly with .NET's results. A <c>timestamptz</c> is shifted as UTC wall-clock time
/// (<c>timezone('UTC', timezone('UTC', x) + interval)</c>), so a day is always 24 hours and the session time zone
/// never matters, as on a UTC DateTime; a <c>timestamp</c> (without time zone) is shifted as it is. Month and year
/// steps clamp to the month's end in both (Jan 31 + 1 month = Feb 28/29). An amount that is a value is turned into
/// the exact interval .NET would add (its own AddX on a fixed date), which must be whole microseconds (PostgreSQL's
/// resolution); an amount read from rows must be an integer (int, long, short), multiplied by a one-unit interval.
/// </summary>
internal static class DateArithmetic
{
    private static readonly DateTime Origin = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool Handles(MethodCallExpression call) =>
        call.Object is not null && Unit(call.Method.Name) is not null
        && (call.Method.DeclaringType == typeof(DateTime) || call.Method.DeclaringType == typeof(DateTimeOffset) || call.Method.DeclaringType == typeof(DateOnly));

    public static SqlValue Translate(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var operand = translator.Translate(call.Object!);
        var unit = Unit(call.Method.Name)!;
        var amount = call.Arguments[0];
        if (call.Method.DeclaringType == typeof(DateOnly))
        {
            return DateOnly(translator, operand, unit, amount);
        }

        var interval = Interval(translator, call, unit, amount);
        var plain = operand.Column?.StoreType is "timestamp" or "timestamp without time zone";
        SqlExpression shifted = plain
            ? new SqlBinaryExpression(SqlBinaryOperator.Add, operand.Sql, interval)
            : Utc(new SqlBinaryExpression(SqlBinaryOperator.Add, Utc(operand.Sql), interval));
        // The column stays attached: values compared with the result are sent as its type, and further steps know it.
        return new SqlValue(shifted, operand.MayBeNull, operand.Column);
    }

    private static SqlFunctionExpression Utc(SqlExpression value) => new("timezone", SqlLiteralExpression.Quoted("UTC"), value);

    private static string? Unit(string method) => method switch
    {
        nameof(DateTime.AddYears) => "year",
        nameof(DateTime.AddMonths) => "month",
        nameof(DateTime.AddDays) => "day",
        nameof(DateTime.AddHours) => "hour",
        nameof(DateTime.AddMinutes) => "minute",
        nameof(DateTime.AddSeconds) => "second",
        nameof(DateTime.AddMilliseconds) => "millisecond",
        _ => null,
    };

    private static SqlExpression Interval(SqlExpressionTranslator translator, MethodCallExpression call, string unit, Expression amount)
    {
        if (SqlExpressionTranslator.IsValue(amount))
        {
            if (unit is "year" or "month")
            {
                return PerUnit(translator.Value(amount, "integer").Sql, unit);
            }

            var method = call.Method.Name;
            return translator.Value(amount, "interval", v => Step(method, (double)v!), typeof(TimeSpan)).Sql;
        }

        var integral = amount is UnaryExpression { NodeType: ExpressionType.Convert } convert && IsInteger(convert.Operand.Type) ? convert.Operand
            : IsInteger(amount.Type) ? amount : null;
        if (integral is null)
        {
            throw new QueryTranslationException(call, $"{call.Method.Name} with a fractional amount read from rows has no exact SQL translation: "
                + ".NET rounds the product to 100-ns ticks, PostgreSQL to microseconds.", "Use an integer amount (int or long column), or a value.");
        }

        return PerUnit(translator.Translate(integral).Sql, unit);
    }

    private static SqlValue DateOnly(SqlExpressionTranslator translator, SqlValue operand, string unit, Expression amount)
    {
        var n = SqlExpressionTranslator.IsValue(amount) ? translator.Value(amount, "integer").Sql : translator.Translate(amount).Sql;
        SqlExpression sql = unit == "day"
            ? new SqlBinaryExpression(SqlBinaryOperator.Add, operand.Sql, n)
            : new SqlCastExpression(new SqlBinaryExpression(SqlBinaryOperator.Add, operand.Sql, PerUnit(n, unit)), "date");
        return new SqlValue(sql, operand.MayBeNull, operand.Column);
    }

    private static SqlBinaryExpression PerUnit(SqlExpression count, string unit) =>
        new(SqlBinaryOperator.Multiply, count, new SqlCastExpression(SqlLiteralExpression.Quoted("1 " + unit), "interval"));

    private static bool IsInteger(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte);
    }

    // Exactly what .NET adds: its own AddX applied to a fixed instant. PostgreSQL keeps microseconds, so a step with a
    // fraction of a microsecond would be rounded there; .NET would keep it.
    private static TimeSpan Step(string method, double amount)
    {
        var shifted = method switch
        {
            nameof(DateTime.AddDays) => Origin.AddDays(amount),
            nameof(DateTime.AddHours) => Origin.AddHours(amount),
            nameof(DateTime.AddMinutes) => Origin.AddMinutes(amount),
            nameof(DateTime.AddSeconds) => Origin.AddSeconds(amount),
            _ => Origin.AddMilliseconds(amount),
        };
        var step = shifted - Origin;
        return step.Ticks % 10 == 0
            ? step
            : throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"{method}({amount}) adds a fraction of a microsecond, which PostgreSQL timestamps cannot hold; the result would differ from .NET's.");
    }
}
