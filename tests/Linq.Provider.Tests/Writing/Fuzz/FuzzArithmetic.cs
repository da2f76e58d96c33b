namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>The model's side of <see cref="Op"/> number operations, per column kind, with the errors each must raise.</summary>
public static class FuzzArithmetic
{
    /// <summary>
    /// A decimal column without [Precision] (the range check, or the guard): exact, refused when a decimal cannot read the
    /// result back as stored: beyond decimal's range, or within it with more digits than decimal holds at its kept scale
    /// (79228162514264337593543950001.5, 59421121885698253195157962752.0).
    /// </summary>
    public static ExactNumber Unbounded(ExactNumber value, NumberOperation op, FuzzOutcome outcome)
    {
        var result = Exact(value, op);
        if (!result.ReadableAsStored)
        {
            outcome.Database("P2020");
        }

        return result;
    }

    /// <summary>
    /// Whether the fuzzer draws the operation on this value: the model must follow it exactly (a division PostgreSQL would
    /// round it cannot). Results no decimal can read back are drawn too: the range check and the guard refuse them (P2020).
    /// </summary>
    public static bool Drawable(ExactNumber value, NumberOperation op) =>
        op.Operator != NumberOperator.Divide || ExactNumber.DivideExactly(value, ExactNumber.From((decimal)op.Amount)) is not null;

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
