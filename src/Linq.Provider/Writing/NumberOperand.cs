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
    /// Whether, by the model, a result written to <paramref name="column"/> needs <see cref="WithinDecimalRange"/>: not for
    /// a <c>numeric(p, s)</c> column with at most 28 digits before the point. The column's own type then refuses
    /// (22003, nothing written) every value at or above 10^28, below <see cref="decimal.MaxValue"/>, so the guard could
    /// never fire there and would only cost the server its parse and evaluation on every statement. The writer also
    /// leaves it out where the database bounds the column (<see cref="Execution.DecimalBounds"/>).
    /// </summary>
    public static bool NeedsDecimalGuard(ColumnMetadata column) => !column.PrecisionBoundsDecimal;

    /// <summary>
    /// <paramref name="result"/>, unless it is beyond <see cref="decimal"/>'s range: PostgreSQL's <c>numeric</c> would store it
    /// and every later read of the row would fail. The cast in the ELSE branch always overflows there (the value has more
    /// than 28 integer digits), so the statement fails with 22003 and nothing is written.
    /// </summary>
    public static SqlExpression WithinDecimalRange(SqlExpression result)
    {
        var fits = new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, new SqlFunctionExpression("abs", result), DecimalMax);
        return new SqlCaseExpression([new SqlCaseWhen(fits, result)], new SqlCastExpression(result, "numeric(28, 0)"));
    }
}
