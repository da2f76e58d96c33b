using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Dates;

/// <summary>
/// Members of DateTime, DateTimeOffset, DateOnly and TimeOnly: Year … Millisecond, DayOfYear, DayOfWeek, Date and TimeOfDay.
/// Date parts are taken in UTC: DateTime values are UTC (timestamptz), so the session time zone must not matter;
/// a <c>timestamp</c> column (<c>[WithoutTimeZone]</c>) is taken as stored.
/// </summary>
internal static class DateTranslator
{
    private static readonly SqlLiteralExpression Utc = SqlLiteralExpression.Quoted("UTC");

    /// <summary>The member of a date or time value, or null when the member's type is not one.</summary>
    public static SqlValue? Member(MemberExpression member, SqlValue operand)
    {
        var declaring = member.Member.DeclaringType;
        if (declaring == typeof(DateTime) && operand.Column?.StoreType == "timestamp")
        {
            // A [WithoutTimeZone] column is a wall-clock time already: its parts are read as stored, in no time zone.
            return member.Member.Name switch
            {
                nameof(DateTime.Date) => new SqlValue(new SqlFunctionExpression("date_trunc", SqlLiteralExpression.Quoted("day"), operand.Sql), operand.MayBeNull),
                nameof(DateTime.TimeOfDay) => TimeOfDay(operand.Sql, operand.MayBeNull),
                _ => DatePart(member, operand.Sql, operand.MayBeNull),
            };
        }

        if (declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset))
        {
            // The UTC wall clock: a timestamptz is read back as a UTC DateTime (a DateTimeOffset with offset 0).
            var utc = new SqlFunctionExpression("timezone", Utc, operand.Sql);
            if (member.Member.Name is nameof(DateTime.TimeOfDay))
            {
                return TimeOfDay(utc, operand.MayBeNull);
            }

            if (member.Member.Name is nameof(DateTime.Date))
            {
                var day = new SqlFunctionExpression("timezone", Utc, new SqlFunctionExpression("date_trunc", SqlLiteralExpression.Quoted("day"), utc));
                return new SqlValue(day, operand.MayBeNull);
            }

            return DatePart(member, utc, operand.MayBeNull);
        }

        if (declaring == typeof(DateOnly) || declaring == typeof(TimeOnly))
        {
            return DatePart(member, operand.Sql, operand.MayBeNull);
        }

        return null;
    }

    /// <summary>
    /// <c>DateOnly.FromDateTime(d)</c>: the day of the DateTime as .NET reads it, the stored wall-clock day of a
    /// <c>timestamp</c> column, the UTC day of a <c>timestamptz</c> value (whatever the session time zone).
    /// </summary>
    public static SqlValue FromDateTime(SqlValue operand)
    {
        var clock = operand.Column?.StoreType == "timestamp" ? operand.Sql : new SqlFunctionExpression("timezone", Utc, operand.Sql);
        return new SqlValue(new SqlCastExpression(clock, "date"), operand.MayBeNull);
    }

    // TimeOfDay: the time since midnight of the wall clock, an interval (a TimeSpan to Npgsql, both ways) of under a day.
    private static SqlValue TimeOfDay(SqlExpression clock, bool mayBeNull) =>
        new(new SqlBinaryExpression(SqlBinaryOperator.Subtract, clock, new SqlFunctionExpression("date_trunc", SqlLiteralExpression.Quoted("day"), clock)), mayBeNull);

    private static SqlValue DatePart(MemberExpression member, SqlExpression source, bool mayBeNull)
    {
        var field = member.Member.Name switch
        {
            "Year" => "year",
            "Month" => "month",
            "Day" => "day",
            "Hour" => "hour",
            "Minute" => "minute",
            "Second" => "second",
            "DayOfYear" => "doy",
            "DayOfWeek" => "dow",
            "Millisecond" => "milliseconds",
            _ => throw new QueryTranslationException(member, $"the member '{member.Member.Name}' has no SQL translation.",
                "Supported: Year, Month, Day, Hour, Minute, Second, Millisecond, DayOfYear, DayOfWeek, Date, TimeOfDay (of DateTime and DateTimeOffset)."),
        };

        // floor: C#'s Second has no fraction, date_part's does. milliseconds include the seconds, so keep the last three digits.
        SqlExpression part = new SqlCastExpression(new SqlFunctionExpression("floor", new SqlFunctionExpression("date_part", SqlLiteralExpression.Quoted(field), source)), "integer");
        if (field == "milliseconds")
        {
            part = new SqlBinaryExpression(SqlBinaryOperator.Modulo, part, SqlLiteralExpression.Integer(1000));
        }

        return new SqlValue(part, mayBeNull);
    }
}
