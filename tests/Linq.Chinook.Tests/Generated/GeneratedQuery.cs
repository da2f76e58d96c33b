using System.Linq.Expressions;

namespace Linq.Chinook.Tests.Generated;

/// <summary>
/// One generated query: a tree over the parameter <see cref="Source"/> (the root table), replaced by the provider's
/// table or by the fixture's rows to run it. <see cref="Scalar"/> queries end in an operator returning one value
/// (run with <c>Execute</c>), the others are sequences (run with <c>ToListAsync</c>), compared in order when
/// <see cref="Ordered"/>, else as multisets.
/// </summary>
internal sealed record GeneratedQuery(ParameterExpression Source, Expression Body, bool Scalar, bool Ordered, Func<object?, string> Render)
{
    public override string ToString() => Body.ToString();
}

/// <summary>A result element reduced to text for comparison: everything by value, decimals by value (scale aside), doubles to 10 digits.</summary>
internal static class Render
{
    public static string Value(object? value, FuzzSchema schema) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        decimal d => Decimal(d),

        // Averages: .NET divides a long sum in double arithmetic, PostgreSQL avg() a numeric sum and converts; the two
        // may differ in the last bits, so doubles are compared to 10 significant digits.
        double d => d.ToString("G10", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ when schema.TryGet(value.GetType()) is { } entity => entity.Type.Name + "#" + entity.KeyText(value),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => Value(v, schema)).Order(StringComparer.Ordinal)) + "]",
        _ => "{" + string.Join(", ", value.GetType().GetProperties().Select(p => p.Name + "=" + Value(p.GetValue(value), schema))) + "}",
    };

    private static string Decimal(decimal d)
    {
        var text = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}

/// <summary>A projection target with members of every kind the generator makes (a DTO by object initializer).</summary>
public sealed class FuzzRow
{
    public int I0 { get; set; }
    public int I1 { get; set; }
    public int? N0 { get; set; }
    public long L0 { get; set; }
    public long? NL0 { get; set; }
    public decimal D0 { get; set; }
    public decimal? ND0 { get; set; }
    public string? S0 { get; set; }
    public string? S1 { get; set; }
    public DateTime T0 { get; set; }
    public DateTime? NT0 { get; set; }
    public double F0 { get; set; }
    public double? NF0 { get; set; }
    public bool B0 { get; set; }
}
