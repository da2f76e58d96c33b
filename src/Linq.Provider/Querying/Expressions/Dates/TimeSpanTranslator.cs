using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Dates;

/// <summary>
/// Members of the TimeSpan between two DateTime or DateTimeOffset values (<c>(a - b).TotalDays</c>, <c>.Days</c> …) and
/// of a TimeOfDay (<c>d.TimeOfDay.TotalHours</c>),
/// computed as .NET does from the tick count. The difference of two timestamps is an interval of days (24 hours
/// each) and a time part; its parts give the exact microsecond count in bigint arithmetic, times 10 for ticks.
/// Total* divide the ticks as a double, as TimeSpan does (<c>(double)ticks / TicksPerDay</c>); Days, Hours … divide
/// the integer ticks, truncating toward zero and keeping the sign, as C# and PostgreSQL integer division both do.
/// </summary>
internal static class TimeSpanTranslator
{
    public static SqlValue? Member(MemberExpression member, SqlValue operand)
    {
        if (member.Member.DeclaringType != typeof(TimeSpan))
        {
            return null;
        }

        var difference = member.Expression is BinaryExpression { NodeType: ExpressionType.Subtract } subtract && IsInstant(subtract.Left.Type);
        var timeOfDay = member.Expression is MemberExpression { Member.Name: nameof(DateTime.TimeOfDay), Expression: { } date } && IsInstant(date.Type);
        if (!difference && !timeOfDay)
        {
            throw new QueryTranslationException(member, $"TimeSpan.{member.Member.Name} is translated only for the difference of two DateTime or DateTimeOffset values and for TimeOfDay.",
                "Write (a - b)." + member.Member.Name + " with a and b dates, or d.TimeOfDay." + member.Member.Name + ".");
        }

        var ticks = Ticks(operand.Sql);
        SqlExpression sql = member.Member.Name switch
        {
            nameof(TimeSpan.Ticks) => ticks,
            nameof(TimeSpan.TotalDays) => Total(ticks, TimeSpan.TicksPerDay),
            nameof(TimeSpan.TotalHours) => Total(ticks, TimeSpan.TicksPerHour),
            nameof(TimeSpan.TotalMinutes) => Total(ticks, TimeSpan.TicksPerMinute),
            nameof(TimeSpan.TotalSeconds) => Total(ticks, TimeSpan.TicksPerSecond),
            nameof(TimeSpan.TotalMilliseconds) => Total(ticks, TimeSpan.TicksPerMillisecond),
            nameof(TimeSpan.Days) => Part(ticks, TimeSpan.TicksPerDay, null),
            nameof(TimeSpan.Hours) => Part(ticks, TimeSpan.TicksPerHour, 24),
            nameof(TimeSpan.Minutes) => Part(ticks, TimeSpan.TicksPerMinute, 60),
            nameof(TimeSpan.Seconds) => Part(ticks, TimeSpan.TicksPerSecond, 60),
            nameof(TimeSpan.Milliseconds) => Part(ticks, TimeSpan.TicksPerMillisecond, 1000),
            _ => throw new QueryTranslationException(member, $"TimeSpan.{member.Member.Name} has no SQL translation.",
                "Supported: Ticks, Days, Hours, Minutes, Seconds, Milliseconds, TotalDays, TotalHours, TotalMinutes, TotalSeconds, TotalMilliseconds."),
        };
        return new SqlValue(sql, operand.MayBeNull);
    }

    private static bool IsInstant(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(DateTime) || type == typeof(DateTimeOffset);
    }

    private static SqlExpression Ticks(SqlExpression interval)
    {
        SqlExpression Field(string name) => new SqlCastExpression(new SqlFunctionExpression("date_part", SqlLiteralExpression.Quoted(name), interval), "bigint");
        SqlExpression Times(SqlExpression a, long b) => new SqlBinaryExpression(SqlBinaryOperator.Multiply, a, SqlLiteralExpression.Integer(b));
        SqlExpression Plus(SqlExpression a, SqlExpression b) => new SqlBinaryExpression(SqlBinaryOperator.Add, a, b);

        // 'microseconds' includes the seconds; days, hours and minutes are whole numbers of the same sign.
        var micros = Plus(Plus(Plus(Times(Field("day"), 86_400_000_000), Times(Field("hour"), 3_600_000_000)), Times(Field("minute"), 60_000_000)), Field("microseconds"));
        return Times(micros, 10);
    }

    private static SqlBinaryExpression Total(SqlExpression ticks, long perUnit) =>
        new(SqlBinaryOperator.Divide, new SqlCastExpression(ticks, "double precision"), new SqlCastExpression(SqlLiteralExpression.Integer(perUnit), "double precision"));

    private static SqlCastExpression Part(SqlExpression ticks, long perUnit, int? modulo)
    {
        SqlExpression whole = new SqlBinaryExpression(SqlBinaryOperator.Divide, ticks, SqlLiteralExpression.Integer(perUnit));
        if (modulo is { } m)
        {
            whole = new SqlBinaryExpression(SqlBinaryOperator.Modulo, whole, SqlLiteralExpression.Integer(m));
        }

        return new SqlCastExpression(whole, "integer");
    }
}
