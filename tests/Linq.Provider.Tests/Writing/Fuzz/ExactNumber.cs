using System.Globalization;
using System.Numerics;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>
/// An exact decimal number (mantissa × 10^-scale), for the fuzzer's model: PostgreSQL's <c>numeric</c> computes exactly,
/// while <see cref="decimal"/> arithmetic rounds past 28 digits, so the expected value of a number operation is computed
/// here and compared with the stored text, never through <see cref="decimal"/>.
/// </summary>
public readonly record struct ExactNumber
{
    private static readonly ExactNumber DecimalMax = From(decimal.MaxValue);

    private ExactNumber(BigInteger mantissa, int scale, int? displayScale = null)
    {
        DisplayScale = displayScale ?? scale;
        // Normalized (no trailing zeros after the point), so equal numbers are equal records.
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        Mantissa = mantissa;
        Scale = scale;
    }

    public BigInteger Mantissa { get; }

    public int Scale { get; }

    /// <summary>
    /// The places PostgreSQL keeps for the number (its dscale: 2.50 keeps two), not part of equality. A value that is
    /// whole can still be kept with places (a product of 1.5), and Npgsql reads the number at that scale.
    /// </summary>
    public int DisplayScale { get; }

    public bool Equals(ExactNumber other) => Mantissa == other.Mantissa && Scale == other.Scale;

    public override int GetHashCode() => HashCode.Combine(Mantissa, Scale);

    /// <summary>
    /// Whether Npgsql can read the number as stored into a <see cref="decimal"/>: the digits at its kept scale must fit
    /// decimal's 96 bits (79228162514264337593543950335), at most 28 places.
    /// </summary>
    public bool ReadableAsStored => DisplayScale <= 28 && BigInteger.Abs(Mantissa) * BigInteger.Pow(10, DisplayScale - Scale) <= DecimalMax.Mantissa;

    public static ExactNumber From(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        return new ExactNumber(bits[3] < 0 ? -magnitude : magnitude, scale, scale);
    }

    public static ExactNumber From(long value) => new(value, 0);

    /// <summary>PostgreSQL's text of a numeric (<c>-12.50</c>).</summary>
    public static ExactNumber Parse(string text)
    {
        var point = text.IndexOf('.');
        var digits = point < 0 ? text : text.Remove(point, 1);
        return new ExactNumber(BigInteger.Parse(digits, CultureInfo.InvariantCulture), point < 0 ? 0 : text.Length - point - 1);
    }

    public static ExactNumber operator +(ExactNumber a, ExactNumber b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return new ExactNumber(a.Mantissa * BigInteger.Pow(10, scale - a.Scale) + b.Mantissa * BigInteger.Pow(10, scale - b.Scale), scale,
            Math.Max(a.DisplayScale, b.DisplayScale));
    }

    public static ExactNumber operator -(ExactNumber a, ExactNumber b) => a + new ExactNumber(-b.Mantissa, b.Scale, b.DisplayScale);

    public static ExactNumber operator *(ExactNumber a, ExactNumber b) => new(a.Mantissa * b.Mantissa, a.Scale + b.Scale, a.DisplayScale + b.DisplayScale);

    /// <summary>The quotient when it is exact with no more places than the dividend, else null (PostgreSQL would round it).</summary>
    public static ExactNumber? DivideExactly(ExactNumber a, ExactNumber b)
    {
        // a / b = (ma / 10^sa) / (mb / 10^sb) = ma × 10^sb / mb / 10^sa
        var numerator = a.Mantissa * BigInteger.Pow(10, b.Scale);
        if (!BigInteger.Remainder(numerator, b.Mantissa).IsZero)
        {
            return null;
        }

        // PostgreSQL's division keeps at least 16 significant digits, and never fewer places than either operand.
        var quotient = new ExactNumber(numerator / b.Mantissa, a.Scale);
        var integerDigits = BigInteger.Abs(quotient.Mantissa / BigInteger.Pow(10, quotient.Scale)).ToString(CultureInfo.InvariantCulture).Length;
        return new ExactNumber(quotient.Mantissa, quotient.Scale, Math.Max(Math.Max(a.DisplayScale, b.DisplayScale), Math.Max(0, 16 - integerDigits)));
    }

    /// <summary>Whether the absolute value is at most <see cref="decimal.MaxValue"/> (the range check's bound).</summary>
    public bool WithinDecimalRange => BigInteger.Abs(Mantissa) * BigInteger.Pow(10, DecimalMax.Scale) <= DecimalMax.Mantissa * BigInteger.Pow(10, Scale);

    /// <summary>Whether the absolute value is below 10^<paramref name="digits"/> (a numeric(p, s) with that many digits before the point).</summary>
    public bool Below(int digits) => BigInteger.Abs(Mantissa) < BigInteger.Pow(10, digits + Scale);

    /// <summary>Whether <see cref="decimal"/> holds this number exactly (what a read into the model can give).</summary>
    public bool FitsDecimal => Scale <= 28 && WithinDecimalRange && decimal.TryParse(ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && From(d) == this;

    public decimal ToDecimal() => decimal.Parse(ToString(), NumberStyles.Number, CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var text = Scale == 0 ? digits : digits[..^Scale] + "." + digits[^Scale..];
        return Mantissa.Sign < 0 ? "-" + text : text;
    }
}
