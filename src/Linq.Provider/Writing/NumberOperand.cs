using System.Globalization;
using Linq.Contract;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

namespace Linq.Writing;

/// <summary>
/// The amount of an <see cref="Op"/> number operation, checked against the column before any SQL: it must be
/// representable in the column's type (a fraction on an integer column would otherwise be rounded, silently changing
/// the arithmetic the caller wrote), and a division by zero is refused here rather than by the server.
/// </summary>
internal static class NumberOperand
{
    public static object Convert(ColumnMetadata column, NumberOperation operation, Type type)
    {
        if (operation.Amount is not decimal amount)
        {
            throw new ArgumentException($"The amount of {operation.Operator} on '{column.PropertyName}' must be a number.", nameof(operation));
        }

        if (operation.Operator == NumberOperator.Divide && amount == 0)
        {
            throw new ArgumentException($"Op.Divide(0) on '{column.PropertyName}' divides by zero.", nameof(operation));
        }

        var integral = type == typeof(int) || type == typeof(long) || type == typeof(short);
        if (integral && decimal.Truncate(amount) != amount)
        {
            throw new ArgumentException(
                $"'{column.PropertyName}' is an integer column, so {operation.Operator}({amount.ToString(CultureInfo.InvariantCulture)}) cannot apply exactly: "
                + "PostgreSQL would compute in integers. Use a whole amount, or make the property decimal.", nameof(operation));
        }

        try
        {
            return System.Convert.ChangeType(amount, type, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(operation),
                $"The amount of {operation.Operator} does not fit '{column.PropertyName}' ({type.Name}).");
        }
    }

    // decimal.MaxValue in the text rather than a parameter: a constant of the guard, not a value of the caller, so the
    // statement needs no parameter object for it and Npgsql no numeric encoding per statement (the text stays cached).
    // Above bigint, PostgreSQL types the literal numeric.
    private static readonly SqlLiteralExpression DecimalMax = SqlLiteralExpression.Numeric(decimal.MaxValue);

    /// <summary>
    /// Whether, by the model, a result written to <paramref name="column"/> needs <see cref="ReadableAsDecimal"/>: not for
    /// a <c>numeric(p, s)</c> column with at most 28 digits (<c>p &lt;= 28</c>). The column's own type then refuses
    /// (22003, nothing written) every value with more digits, and keeps every other one at a scale of at most 28 below
    /// 10^28 (within 96 bits), so the guard could never fire there and would only cost the server its parse and
    /// evaluation on every statement. The writer also leaves it out where the database bounds the column (<see cref="Execution.DecimalBounds"/>).
    /// </summary>
    public static bool NeedsDecimalGuard(ColumnMetadata column) => !column.PrecisionBoundsDecimal;

    /// <summary>
    /// <paramref name="result"/>, unless no <see cref="decimal"/> can read it back (<see cref="DecimalReadable"/>: beyond
    /// decimal's range, more than 28 places, or more digits than 96 bits hold): PostgreSQL's <c>numeric</c> would store it
    /// and every later read of the row would fail. The ELSE branch then fails for every non-null value (its magnitude is
    /// at least <see cref="decimal.MaxValue"/>, which <c>numeric(28, 0)</c> cannot take), so the statement fails with
    /// 22003 and nothing is written; a NULL result stays NULL.
    /// </summary>
    public static SqlExpression ReadableAsDecimal(SqlExpression result)
    {
        var refused = new SqlBinaryExpression(SqlBinaryOperator.Add, new SqlFunctionExpression("abs", result), DecimalMax);
        return new SqlCaseExpression([new SqlCaseWhen(DecimalReadable.Condition(result), result)], new SqlCastExpression(refused, "numeric(28, 0)"));
    }
}
