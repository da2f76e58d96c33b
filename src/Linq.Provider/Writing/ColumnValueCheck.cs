using System.Text;
using Linq.Contract;

namespace Linq.Writing;

/// <summary>
/// Checks a value against its column's declared limits before it is sent, so the program gets an error naming the
/// field instead of PostgreSQL's unnamed one, or instead of a silently different stored value: a string longer than
/// <c>varchar(n)</c> (PostgreSQL would cut trailing spaces silently), a decimal with more places than
/// <c>numeric(p, s)</c>'s scale (PostgreSQL would round) or beyond its range, a UTC <see cref="DateTime"/> for a
/// <c>timestamp without time zone</c> column (Npgsql refuses it with a message that does not name the field).
/// </summary>
internal static class ColumnValueCheck
{
    /// <summary>Checks a value typed as the writer received it; a no-op for columns without limits.</summary>
    public static void Check<TValue>(ColumnMetadata column, TValue value)
    {
        if (column.ChecksValues)
        {
            CheckBoxed(column, value);
        }
    }

    /// <summary>Checks a boxed value.</summary>
    public static void CheckBoxed(ColumnMetadata column, object? value)
    {
        switch (value)
        {
            case string text when column.MaxLength is { } max && text.Length > max:
                // PostgreSQL counts characters (code points); a surrogate pair is one.
                var length = CodePoints(text);
                if (length > max)
                {
                    throw new ValueTooLongException(column.ModelName, column.PropertyName, column.ColumnName, max, length);
                }

                break;
            case decimal number when column.Precision is { } precision:
                CheckNumber(column, number, precision, column.Scale ?? 0);
                break;
            case DateTime time when time == DateTime.MinValue || time == DateTime.MaxValue:
                throw Infinite(column, time == DateTime.MinValue ? "DateTime.MinValue" : "DateTime.MaxValue");
            case DateTimeOffset offset when offset == DateTimeOffset.MinValue || offset == DateTimeOffset.MaxValue:
                throw Infinite(column, offset == DateTimeOffset.MinValue ? "DateTimeOffset.MinValue" : "DateTimeOffset.MaxValue");
            case DateOnly date when date == DateOnly.MinValue || date == DateOnly.MaxValue:
                throw Infinite(column, date == DateOnly.MinValue ? "DateOnly.MinValue" : "DateOnly.MaxValue");
            case DateTime { Kind: DateTimeKind.Utc } when column.StoreType == "timestamp":
                throw new ArgumentException(
                    $"{column.ModelName}.{column.PropertyName} is a timestamp without time zone column ([WithoutTimeZone]); a DateTime of kind Utc cannot be stored in it "
                    + "(Npgsql's rule: it would lose the time zone). Pass the wall-clock time as DateTime.SpecifyKind(value, DateTimeKind.Unspecified) "
                    + "(or value.ToLocalTime() for the local time), or map the property without [WithoutTimeZone] to store an instant (timestamptz).");
        }
    }

    // Npgsql stores Min/MaxValue (of any Kind) as -infinity/infinity, which no date part, arithmetic or JSON path can use
    // afterwards: refused, so every path sees only real dates. Absence is what null (a nullable property) is for.
    private static ArgumentException Infinite(ColumnMetadata column, string value) => new(
        $"{column.ModelName}.{column.PropertyName}: {value} would be stored as PostgreSQL's infinity, which date parts, date arithmetic and "
        + "comparisons with real dates cannot use. Store null for \"no date\" (make the property nullable), or a real date.", column.PropertyName);

    /// <summary>A number operation (<c>Op.Increment</c>, …) on a <c>numeric(p, s)</c> column must not make PostgreSQL round the result.</summary>
    public static void CheckOperation(ColumnMetadata column, NumberOperator op, object amount)
    {
        if (column.Precision is null || amount is not decimal number)
        {
            return;
        }

        var exact = op switch
        {
            NumberOperator.Increment or NumberOperator.Decrement => Math.Round(number, Math.Min(column.Scale ?? 0, 28)) == number,
            NumberOperator.Multiply => Math.Round(number, 0) == number,
            _ => false,
        };
        if (!exact)
        {
            throw new ValueOutOfRangeException(column.ModelName, [column.PropertyName],
                $"{column.ModelName}.{column.PropertyName} is numeric({column.Precision},{column.Scale}): {op} by this amount could give more decimal places than the column keeps, "
                + "and PostgreSQL would round the result silently. Compute the new value, round it as you mean to, and set it.");
        }
    }

    private static void CheckNumber(ColumnMetadata column, decimal number, int precision, int scale)
    {
        if (scale < 28 && Math.Round(number, scale) != number)
        {
            throw new ValueOutOfRangeException(column.ModelName, [column.PropertyName],
                $"The value has more decimal places than column \"{column.ColumnName}\" keeps ({column.ModelName}.{column.PropertyName} is numeric({precision},{scale})); "
                + $"PostgreSQL would round it. Round it yourself (Math.Round(value, {scale}, …)) with the rounding you mean.");
        }

        var integerDigits = precision - scale;
        if (integerDigits <= 28 && Math.Abs(Math.Truncate(number)) >= Pow10(integerDigits))
        {
            throw new ValueOutOfRangeException(column.ModelName, [column.PropertyName],
                $"The value is out of range for column \"{column.ColumnName}\" ({column.ModelName}.{column.PropertyName} is numeric({precision},{scale}): "
                + $"at most {integerDigits} digits before the decimal point).");
        }

        if (!column.PrecisionBoundsDecimal && !ReadableAtScale(number, scale))
        {
            throw new ValueOutOfRangeException(column.ModelName, [column.PropertyName],
                $"Column \"{column.ColumnName}\" ({column.ModelName}.{column.PropertyName} is numeric({precision},{scale})) keeps every value with {scale} decimal places, "
                + "and this value has more digits at that scale than a decimal can hold (96 bits): it could be stored but never read back. "
                + "Use a value with fewer digits, or a column of at most 28 digits ([Precision(28, …)]).");
        }
    }

    // The value as the column stores it (its digits at the column's scale, which the caller checked it does not exceed)
    // within decimal's 96 bits: |value| * 10^scale is a whole number, exact in decimal when it fits, and an overflow otherwise.
    private static bool ReadableAtScale(decimal number, int scale)
    {
        if (scale > 28)
        {
            return false;
        }

        try
        {
            _ = Math.Abs(number) * Pow10(scale);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
