namespace Linq.Sql.Syntax;

/// <summary>
/// The one condition under which a PostgreSQL <c>numeric</c> reads back as the same <see cref="decimal"/> (value and
/// scale): <c>abs(x) &lt;= 79228162514264337593543950335 AND scale(x) &lt;= 28 AND abs(x) * power(10.0, scale(x)) &lt;=
/// 79228162514264337593543950335</c>. A decimal is m / 10^s with |m| &lt; 2^96 and s &lt;= 28; <c>scale()</c> is the
/// value's display scale, the s Npgsql reads, so the product is m. A bound on the magnitude alone is not enough:
/// server arithmetic stores values within decimal's range with more digits than 96 bits hold
/// (<c>79228162514264337593543950001.5</c>) or with more than 28 places. The range CHECK migrations create and the
/// guard of number operations both use it.
/// </summary>
/// <remarks>
/// NULL, as a CHECK needs, passes (the condition is NULL). The first part, the magnitude alone (the check older
/// versions created), is implied by the last for numbers, but NaN and infinities need it: <c>scale()</c> is NULL for
/// them, so without it the condition would be NULL and a CHECK would let them pass. Only <c>abs()</c>, <c>power()</c>
/// and <c>scale()</c> (PostgreSQL 9.6) are used, not <c>trim_scale</c>/<c>min_scale</c> (13). Npgsql also reads a
/// few values the condition refuses, by dropping trailing zeros of their scale
/// (<c>1234567890123456789012345678.0000000000</c> reads as <c>…678.0</c>, while <c>59421121885698253195157962752.0</c>
/// fails): such a value does not read back as stored, and which ones read at all depends on Npgsql's base-10000 digit
/// groups, so the condition refuses them all.
/// </remarks>
internal static class DecimalReadable
{
    /// <summary>The largest display scale a decimal has.</summary>
    public const int MaxScale = 28;

    // 10.0 keeps its scale in the text, so PostgreSQL types it numeric and power() is numeric's exact integer power,
    // not double precision's (an integer 10 would pick power(double precision, double precision)).
    private static readonly SqlLiteralExpression Ten = SqlLiteralExpression.Numeric(10.0m);
    private static readonly SqlLiteralExpression Max = SqlLiteralExpression.Numeric(decimal.MaxValue);

    /// <summary>The condition over <paramref name="value"/> (referenced four times: pass a column or a cheap expression).</summary>
    public static SqlExpression Condition(SqlExpression value)
    {
        var abs = new SqlFunctionExpression("abs", value);
        var scale = new SqlFunctionExpression("scale", value);
        var mantissa = new SqlBinaryExpression(SqlBinaryOperator.Multiply, abs, new SqlFunctionExpression("power", Ten, scale));
        return new SqlBinaryExpression(SqlBinaryOperator.And,
            new SqlBinaryExpression(SqlBinaryOperator.And,
                new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, abs, Max),
                new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, scale, SqlLiteralExpression.Integer(MaxScale))),
            new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, mantissa, Max));
    }

    /// <summary>The condition over a column, as DDL text: <c>((abs("c") &lt;= 79228162514264337593543950335) AND …</c>.</summary>
    public static string ColumnCondition(string column) =>
        Rendering.PostgresRenderer.Render(Condition(new SqlColumnExpression(null, column))).Text;
}
