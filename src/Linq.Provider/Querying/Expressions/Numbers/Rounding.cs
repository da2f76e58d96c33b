using System.Globalization;
using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Numbers;

/// <summary>
/// <c>Math.Round</c> in all its overloads, exactly as .NET rounds. PostgreSQL's <c>round(numeric)</c> rounds half away
/// from zero and <c>round(float8)</c> half to even, so each <see cref="MidpointRounding"/> is written out from
/// <c>trunc</c>, which is exact for both types. The mode is part of the query's shape (it changes the SQL), so it must
/// be written in the query; the digits are a parameter, with the powers of ten they imply sent alongside.
/// </summary>
internal static class Rounding
{
    // Math.Round(double, digits) multiplies by these, rounds and divides back, unless |value| >= 1e16 (returned as is).
    private const int MaxDoubleDigits = 15;
    private const int MaxDecimalDigits = 28;

    public static SqlValue Round(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var args = call.Arguments;
        var isDecimal = args[0].Type == typeof(decimal);
        if (!isDecimal && args[0].Type != typeof(double))
        {
            throw new QueryTranslationException(call, $"Math.Round over '{args[0].Type.Name}' has no SQL translation.", "Round a decimal or double value.");
        }

        Expression? digits = args.Count >= 2 && args[1].Type == typeof(int) ? args[1] : null;
        var mode = Mode(call, args.Count >= 2 && args[^1].Type == typeof(MidpointRounding) ? args[^1] : null);
        var operand = translator.Translate(args[0]);
        if (digits is not null && !SqlExpressionTranslator.IsValue(digits))
        {
            throw new QueryTranslationException(call, "the number of digits of Math.Round must be a value, not read from rows.",
                "Pass a constant or a captured variable for the digits.");
        }

        var sql = isDecimal ? Decimal(translator, operand.Sql, digits, mode) : Double(translator, operand.Sql, digits, mode);
        return new SqlValue(sql, operand.MayBeNull);
    }

    private static MidpointRounding Mode(MethodCallExpression call, Expression? mode) => mode switch
    {
        null => MidpointRounding.ToEven,
        ConstantExpression { Value: MidpointRounding value } when Enum.IsDefined(value) => value,
        _ => throw new QueryTranslationException(call, "the MidpointRounding of Math.Round must be written in the query (it decides the SQL).",
            "Write the member itself, e.g. Math.Round(x, 2, MidpointRounding.AwayFromZero), or choose between two queries."),
    };

    // numeric: trunc(x, d) is exact; ties are |x - trunc| = half a step, and the step is 10^-d.
    private static SqlExpression Decimal(SqlExpressionTranslator translator, SqlExpression x, Expression? digits, MidpointRounding mode)
    {
        if (digits is null)
        {
            var truncated = new SqlFunctionExpression("trunc", x);
            return mode switch
            {
                MidpointRounding.ToZero => truncated,
                MidpointRounding.ToNegativeInfinity => new SqlFunctionExpression("floor", x),
                MidpointRounding.ToPositiveInfinity => new SqlFunctionExpression("ceil", x),
                MidpointRounding.AwayFromZero => new SqlFunctionExpression("round", x),
                _ => HalfToEven(x, truncated, new SqlFunctionExpression("round", x), Numeric("0.5"), truncated),
            };
        }

        var d = translator.Value(digits, "integer", v => CheckDigits(v, MaxDecimalDigits), typeof(int)).Sql;
        var t = new SqlFunctionExpression("trunc", x, d);
        var step = translator.Value(digits, "numeric", v => Power10Decimal(v, negative: true, half: false), typeof(decimal)).Sql;
        switch (mode)
        {
            case MidpointRounding.ToZero:
                return t;
            case MidpointRounding.AwayFromZero:
                return new SqlFunctionExpression("round", x, d);
            case MidpointRounding.ToNegativeInfinity:
                return new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, t, x),
                    new SqlBinaryExpression(SqlBinaryOperator.Subtract, t, step))], t);
            case MidpointRounding.ToPositiveInfinity:
                return new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.LessThan, t, x),
                    new SqlBinaryExpression(SqlBinaryOperator.Add, t, step))], t);
            default:
            {
                var half = translator.Value(digits, "numeric", v => Power10Decimal(v, negative: true, half: true), typeof(decimal)).Sql;
                var scale = translator.Value(digits, "numeric", v => Power10Decimal(v, negative: false, half: false), typeof(decimal)).Sql;
                return HalfToEven(x, t, new SqlFunctionExpression("round", x, d), half, new SqlBinaryExpression(SqlBinaryOperator.Multiply, t, scale));
            }
        }
    }

    // A tie whose truncation is even stays truncated; everything else rounds to nearest (ties away, which is then right).
    private static SqlCaseExpression HalfToEven(SqlExpression x, SqlExpression truncated, SqlExpression awayFromZero, SqlExpression half, SqlExpression lastDigits)
    {
        var tie = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("abs", new SqlBinaryExpression(SqlBinaryOperator.Subtract, x, truncated)), half);
        var even = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("mod", lastDigits, SqlLiteralExpression.Integer(2)), SqlLiteralExpression.Integer(0));
        return new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.And, tie, even), truncated)], awayFromZero);
    }

    // float8: .NET scales by 10^d (d <= 15), rounds to an integer and divides back, all IEEE operations PostgreSQL repeats bit for bit.
    private static SqlExpression Double(SqlExpressionTranslator translator, SqlExpression x, Expression? digits, MidpointRounding mode)
    {
        if (digits is null)
        {
            return Integral(x, mode);
        }

        var power = translator.Value(digits, "double precision", v => double.Parse("1E" + CheckDigits(v, MaxDoubleDigits).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), typeof(double)).Sql;
        var scaled = new SqlBinaryExpression(SqlBinaryOperator.Multiply, x, power);
        var rounded = new SqlBinaryExpression(SqlBinaryOperator.Divide, Integral(scaled, mode), power);
        var inRange = new SqlBinaryExpression(SqlBinaryOperator.LessThan, new SqlFunctionExpression("abs", x), Float("1e16"));
        return new SqlCaseExpression([new SqlCaseWhen(inRange, rounded)], x);
    }

    private static SqlExpression Integral(SqlExpression y, MidpointRounding mode)
    {
        var truncated = new SqlFunctionExpression("trunc", y);
        return mode switch
        {
            // round(float8) is rint(): half to even, as Math.Round(double) rounds.
            MidpointRounding.ToEven => new SqlFunctionExpression("round", y),
            MidpointRounding.ToZero => truncated,
            MidpointRounding.ToNegativeInfinity => new SqlFunctionExpression("floor", y),
            MidpointRounding.ToPositiveInfinity => new SqlFunctionExpression("ceil", y),
            _ => new SqlCaseExpression(
                [new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.GreaterThanOrEqual,
                    new SqlFunctionExpression("abs", new SqlBinaryExpression(SqlBinaryOperator.Subtract, y, truncated)), Float("0.5")),
                    new SqlBinaryExpression(SqlBinaryOperator.Add, truncated, new SqlFunctionExpression("sign", y)))],
                truncated),
        };
    }

    private static int CheckDigits(object? value, int max)
    {
        var digits = (int)value!;
        return digits is >= 0 && digits <= max
            ? digits
            : throw new ArgumentOutOfRangeException("digits", digits, $"Math.Round takes 0 to {max} digits for this type; .NET would throw.");
    }

    private static decimal Power10Decimal(object? value, bool negative, bool half)
    {
        var digits = CheckDigits(value, MaxDecimalDigits);
        // new decimal(1, 0, 0, false, scale) is exactly 10^-scale; 10^d for d <= 28 fits a decimal.
        var result = negative ? new decimal(1, 0, 0, false, (byte)digits) : decimal.Parse("1E" + digits.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return half ? result / 2 : result;
    }

    private static SqlCastExpression Numeric(string text) => new(SqlLiteralExpression.Quoted(text), "numeric");

    private static SqlCastExpression Float(string text) => new(SqlLiteralExpression.Quoted(text), "double precision");
}
