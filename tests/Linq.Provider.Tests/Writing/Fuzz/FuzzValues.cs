using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>
/// The values and number operations the fuzzer draws from: small pools, so keys collide often, and numbers at the edges
/// (decimal's maximum, numeric(10, 2)'s, int's and long's), so number operations overflow often.
/// </summary>
public sealed class FuzzValues(Random random)
{
    private const decimal Max = decimal.MaxValue;

    private static readonly decimal[] Decimals = [0m, 1m, -1m, 2.5m, 123.45m, 1e15m, -7.25m, Max, -Max, 39614081257132168796771975168m, 79228162514264337593543950000m, 0.01m];
    private static readonly decimal[] DecimalSteps = [1m, 0.5m, 0.25m, 1e28m, Max, 10.01m, 0.001m];
    private static readonly decimal[] Factors = [2m, 3m, -1m, 10m, 0m, 1.5m];
    private static readonly decimal[] Divisors = [2m, 5m, -4m, 10m];
    private static readonly decimal[] Prices = [0m, 9.99m, -5.5m, 99999999.99m, 12345.67m, 0.001m, 100000000m];
    private static readonly decimal[] PriceSteps = [0.01m, 1m, 99999999.99m, 0.001m];
    private static readonly int[] Ints = [0, 1, -3, int.MaxValue, int.MinValue + 1, 1000];
    private static readonly long[] Longs = [0, 7, -2, long.MaxValue, long.MinValue + 1, 1L << 40];
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public Random Random => random;

    public bool Chance(int percent) => random.Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string OwnerName() => "o" + random.Next(6);

    public string Code() => "c" + random.Next(4);

    public string Label() => "p" + random.Next(10);

    public Mood Mood() => (Mood)random.Next(3);

    public Mood? MaybeMood() => Chance(25) ? null : Mood();

    public string? Note() => Chance(30) ? null : Pick(["", "n", "note with 'quote'", "ünï", "x"]);

    public decimal Decimal() => Pick(Decimals);

    public decimal Price() => Pick(Prices);

    public int Int() => Pick(Ints);

    public long Long() => Pick(Longs);

    // Microseconds: what timestamptz keeps, so the value reads back equal.
    public DateTime Time() => Epoch.AddTicks(random.NextInt64(0, 10_000_000_000L) * 10);

    public DateTime? MaybeTime() => Chance(30) ? null : Time();

    /// <summary>A number operation on a decimal column: the amounts that keep the model exact.</summary>
    public NumberOperation DecimalOp() => random.Next(4) switch
    {
        0 => Op.Increment(Pick(DecimalSteps)),
        1 => Op.Decrement(Pick(DecimalSteps)),
        2 => Op.Multiply(Pick(Factors)),
        _ => Op.Divide(Pick(Divisors)),
    };

    /// <summary>A decimal operation the fuzzer can follow on every one of <paramref name="values"/> (multiplying by one when none is found).</summary>
    public NumberOperation DecimalOpFor(IReadOnlyList<ExactNumber> values)
    {
        for (var i = 0; i < 6; i++)
        {
            var op = DecimalOp();
            if (values.All(v => FuzzArithmetic.Drawable(v, op)))
            {
                return op;
            }
        }

        return Op.Multiply(1m);
    }

    public NumberOperation PriceOp() => random.Next(5) switch
    {
        0 or 1 => Op.Increment(Pick(PriceSteps)),
        2 => Op.Decrement(Pick(PriceSteps)),
        3 => Op.Multiply(Pick(Factors)),
        _ => Op.Divide(2m),
    };

    public NumberOperation IntOp() => random.Next(4) switch
    {
        0 => Op.Increment(Pick([1m, 2m, 1000m])),
        1 => Op.Decrement(Pick([1m, 5m])),
        2 => Op.Multiply(Pick([2m, -1m, 0m])),
        _ => Op.Divide(Pick([2m, -3m])),
    };
}
