namespace Linq;

/// <summary>An atomic change of a number column, computed by PostgreSQL from the current value (see <see cref="Op"/>).</summary>
public readonly record struct NumberOperation(NumberOperator Operator, object Amount);

/// <summary>The arithmetic of a <see cref="NumberOperation"/>.</summary>
public enum NumberOperator
{
    /// <summary><c>column + amount</c></summary>
    Increment,
    /// <summary><c>column - amount</c></summary>
    Decrement,
    /// <summary><c>column * amount</c></summary>
    Multiply,
    /// <summary><c>column / amount</c></summary>
    Divide,
}

/// <summary>Atomic number operations for update inputs, like Prisma's <c>increment</c>/<c>decrement</c>/<c>multiply</c>/<c>divide</c>.</summary>
public static class Op
{
    /// <summary>Adds <paramref name="amount"/> to the current value.</summary>
    public static NumberOperation Increment(decimal amount) => new(NumberOperator.Increment, amount);

    /// <summary>Subtracts <paramref name="amount"/> from the current value.</summary>
    public static NumberOperation Decrement(decimal amount) => new(NumberOperator.Decrement, amount);

    /// <summary>Multiplies the current value by <paramref name="factor"/>.</summary>
    public static NumberOperation Multiply(decimal factor) => new(NumberOperator.Multiply, factor);

    /// <summary>Divides the current value by <paramref name="divisor"/> (integer columns divide as integers).</summary>
    public static NumberOperation Divide(decimal divisor) => new(NumberOperator.Divide, divisor);
}
