namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>The model's side of <see cref="Op"/> number operations, per column kind, with the errors each must raise.</summary>
public static class FuzzArithmetic
{
    /// <summary>A decimal column without [Precision] (the range check): exact, refused beyond decimal's range.</summary>
    public static ExactNumber Unbounded(ExactNumber value, NumberOperation op, FuzzOutcome outcome)
    {
        var result = Exact(value, op);
        if (!result.WithinDecimalRange)
        {
            outcome.Database("P2020");
        }

        return result;
    }

    /// <summary>
    /// Whether the fuzzer draws the operation on this value: the model must follow it exactly (a division PostgreSQL would
    /// round it cannot), and, unless <c>LINQ_FUZZ_UNREADABLE=1</c>, its result must not be one of a known bug's: a result
    /// within decimal's range (so the range check and the guard let it through) that Npgsql cannot read back into a
    /// decimal, such as 79228162514264337593543950001.5 or 59421121885698253195157962752.0 (a whole number kept with a
    /// place). Such a write is stored, and every later read of the row fails (P2023); see the session report.
    /// </summary>
    public static bool Drawable(ExactNumber value, NumberOperation op)
    {
        if (op.Operator == NumberOperator.Divide && ExactNumber.DivideExactly(value, ExactNumber.From((decimal)op.Amount)) is null)
        {
            return false;
        }

        var result = Exact(value, op);
        return !result.WithinDecimalRange || result.ReadableAsStored || UnreadableAllowed;
    }

    private static readonly bool UnreadableAllowed = Environment.GetEnvironmentVariable("LINQ_FUZZ_UNREADABLE") == "1";

    /// <summary>numeric(10, 2): amounts that would round are refused before SQL, results of 10^8 and more by the type.</summary>
    public static ExactNumber Price(ExactNumber value, NumberOperation op, FuzzOutcome outcome)
    {
        var amount = (decimal)op.Amount;
        var exact = op.Operator switch
        {
            NumberOperator.Increment or NumberOperator.Decrement => Math.Round(amount, 2) == amount,
            NumberOperator.Multiply => Math.Round(amount, 0) == amount,
            _ => false,
        };
        if (!exact)
        {
            outcome.BeforeSql("P2020");
            return value;
        }

        var result = Exact(value, op);
        if (!result.Below(8))
        {
            outcome.Database("P2020");
        }

        return result;
    }

    /// <summary>A value set on numeric(10, 2): more places or 10^8 and more are refused before SQL.</summary>
    public static void CheckPrice(decimal value, FuzzOutcome outcome)
    {
        var exact = ExactNumber.From(value);
        if (exact.Scale > 2 || !exact.Below(8))
        {
            outcome.BeforeSql("P2020");
        }
    }

    /// <summary>An integer column: PostgreSQL's integer arithmetic (division truncates toward zero), overflow refused.</summary>
    public static long Integral(long value, NumberOperation op, long min, long max, FuzzOutcome outcome)
    {
        var amount = (long)(decimal)op.Amount;
        Int128 result = op.Operator switch
        {
            NumberOperator.Increment => (Int128)value + amount,
            NumberOperator.Decrement => (Int128)value - amount,
            NumberOperator.Multiply => (Int128)value * amount,
            _ => (Int128)value / amount,
        };
        if (result < min || result > max)
        {
            outcome.Database("P2020");
            return value;
        }

        return (long)result;
    }

    private static ExactNumber Exact(ExactNumber value, NumberOperation op)
    {
        var amount = ExactNumber.From((decimal)op.Amount);
        return op.Operator switch
        {
            NumberOperator.Increment => value + amount,
            NumberOperator.Decrement => value - amount,
            NumberOperator.Multiply => value * amount,
            _ => ExactNumber.DivideExactly(value, amount) ?? throw new InvalidOperationException("The fuzzer draws only exact divisions."),
        };
    }
}
