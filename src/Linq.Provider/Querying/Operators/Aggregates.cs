using System.Linq.Expressions;
using Linq.Execution;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>Aggregate results shaped to what the C# type can hold.</summary>
internal static class Aggregates
{
    // 2^96: one more than the largest decimal mantissa.
    private const string DecimalLimit = "79228162514264337593543950336";

    /// <summary>
    /// A complete aggregate of <paramref name="argument"/> as C# sees it: cast to the result type (the Min or Max of enums
    /// and DateTimes is not cast), a decimal fitted to what <c>decimal</c> holds, and a Sum of
    /// no rows 0 (LINQ's) instead of NULL (SQL's).
    /// </summary>
    public static SqlExpression Typed(string function, SqlExpression argument, Type resultType, Expression at)
    {
        var type = Nullable.GetUnderlyingType(resultType) ?? resultType;
        var result = Call(function, argument, type);
        // Min and Max keep the argument's type: enums order by declaration, and a DateTime stays timestamp or
        // timestamptz (a cast between them would shift the value by the session's time zone).
        if (!((type.IsEnum || type == typeof(DateTime)) && function is "min" or "max"))
        {
            var cast = StoreTypes.ScalarName(type)
                ?? throw new QueryTranslationException(at, $"aggregating values of type '{type.Name}' is not supported.");
            result = FitResult(new SqlCastExpression(result, cast), type);
        }

        return function == "sum" ? new SqlFunctionExpression("COALESCE", result, SqlLiteralExpression.Integer(0)) : result;
    }

    /// <summary>The SQL aggregate of a Sum/Min/Max/Average operator.</summary>
    public static string FunctionOf(AggregateFunction function) => function switch
    {
        AggregateFunction.Sum => "sum",
        AggregateFunction.Min => "min",
        AggregateFunction.Max => "max",
        AggregateFunction.Average => "avg",
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>
    /// The aggregate call. A decimal average is computed as sum / count over a 32-digit scale, because PostgreSQL's
    /// avg(numeric) keeps only about 16 significant digits where .NET keeps 28.
    /// </summary>
    public static SqlExpression Call(string function, SqlExpression argument, Type resultType)
    {
        if (function == "avg" && (Nullable.GetUnderlyingType(resultType) ?? resultType) == typeof(decimal))
        {
            var scaled = new SqlBinaryExpression(SqlBinaryOperator.Multiply, new SqlFunctionExpression("sum", argument),
                new SqlCastExpression(SqlLiteralExpression.Quoted("1." + new string('0', 32)), "numeric"));
            // trim_scale: .NET's decimal division keeps no trailing zeros (1 and 2 average to 1.5).
            return new SqlFunctionExpression("trim_scale",
                new SqlBinaryExpression(SqlBinaryOperator.Divide, scaled, new SqlFunctionExpression("NULLIF", new SqlFunctionExpression("count", argument), SqlLiteralExpression.Integer(0))));
        }

        return new SqlFunctionExpression(function, argument);
    }

    /// <summary>
    /// A <c>numeric</c> aggregate read as <c>decimal</c> is rounded to the 28–29 significant digits a decimal holds
    /// (PostgreSQL would return more, which Npgsql refuses, or fewer for <c>avg</c>): as many fraction digits as fit
    /// the 96-bit mantissa, at most 28, as .NET's own decimal arithmetic does.
    /// </summary>
    public static SqlExpression FitResult(SqlExpression value, Type resultType)
    {
        if ((Nullable.GetUnderlyingType(resultType) ?? resultType) != typeof(decimal))
        {
            return value;
        }

        // Integer digits of |v| (1 for |v| < 1), from log10 — exact enough to choose between two scales.
        var magnitude = new SqlFunctionExpression("abs", value);
        var integerDigits = new SqlFunctionExpression("GREATEST", SqlLiteralExpression.Integer(1),
            new SqlBinaryExpression(SqlBinaryOperator.Add, new SqlCastExpression(new SqlFunctionExpression("floor", new SqlFunctionExpression("log",
                new SqlFunctionExpression("NULLIF", magnitude, SqlLiteralExpression.Integer(0)))), "integer"), SqlLiteralExpression.Integer(1)));
        var wide = new SqlFunctionExpression("LEAST", SqlLiteralExpression.Integer(28), new SqlBinaryExpression(SqlBinaryOperator.Subtract, SqlLiteralExpression.Integer(29), integerDigits));
        var narrow = new SqlFunctionExpression("LEAST", SqlLiteralExpression.Integer(28), new SqlBinaryExpression(SqlBinaryOperator.Subtract, SqlLiteralExpression.Integer(28), integerDigits));
        var roundedWide = new SqlFunctionExpression("round", value, new SqlFunctionExpression("GREATEST", SqlLiteralExpression.Integer(0), wide));
        var mantissa = new SqlBinaryExpression(SqlBinaryOperator.Multiply, new SqlFunctionExpression("abs", roundedWide),
            new SqlFunctionExpression("power", new SqlCastExpression(SqlLiteralExpression.Integer(10), "numeric"), new SqlFunctionExpression("GREATEST", SqlLiteralExpression.Integer(0), wide)));
        var fits = new SqlBinaryExpression(SqlBinaryOperator.LessThan, mantissa, new SqlCastExpression(SqlLiteralExpression.Quoted(DecimalLimit), "numeric"));
        var fitted = new SqlCaseExpression(
            [new SqlCaseWhen(fits, roundedWide)],
            new SqlFunctionExpression("round", value, new SqlFunctionExpression("GREATEST", SqlLiteralExpression.Integer(0), narrow)));

        // Never more fraction digits than the value has: a sum keeps its inputs' scale, as in .NET.
        return new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, new SqlFunctionExpression("scale", value), narrow), value)], fitted);
    }
}
