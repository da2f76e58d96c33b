using System.Globalization;
using System.Numerics;
using Linq.Provider.Tests.Infrastructure;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The condition the range check and the guard share (<see cref="DecimalReadable"/>) against what Npgsql (the version
/// the project uses) really reads: for each value, computed by the server from its text, the condition must hold exactly
/// when plain Npgsql reads it back as the same decimal (value and scale, compared as text). What it refuses either fails
/// to read, or (a few values with trailing zeros past 96 bits) reads only by dropping zeros of its scale.
/// </summary>
/// <remarks>
/// Findings (Npgsql 10.0.3, PostgreSQL's display scale s = scale(x), decimal m / 10^s): s &gt; 28 never reads (also for
/// zero, <c>0.000…</c> with 30 places); |m| &lt; 2^96 with s &lt;= 28 always reads as stored (<c>1.000</c>, <c>0.5</c>,
/// <c>1e-28</c>, 2^96 - 1 whole or with 28 places); |m| &gt;= 2^96 fails (OverflowException, or IndexOutOfRangeException
/// for <c>59421121885698253195157962752.0</c>) unless the value has fewer than eight base-10000 digit groups, which then
/// read with the scale cut (<c>1234567890123456789012345678.0000000000</c> reads as <c>…678.0</c>). There is no negative
/// zero (<c>-0.000</c> is <c>0.000</c>); NaN and infinities never read and the condition is NULL or false for them.
/// </remarks>
public sealed class DecimalReadableConditionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly BigInteger TwoTo96 = BigInteger.One << 96;

    private static string Text(BigInteger mantissa, int scale)
    {
        var digits = BigInteger.Abs(mantissa).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..];
        return mantissa.Sign < 0 ? "-" + text : text;
    }

    // Hand-picked values (as SQL, some computed by the server like the operations) and mantissas around 2^96, 10^28 and
    // small ones at every scale from 0 to 31.
    private static List<string> Values()
    {
        var values = new List<string>
        {
            "0", "0.5", "1.000", "-0.0", "'-0.000'::numeric", "1e-28", "0.0000000000000000000000000001", "0.00000000000000000000000000001",
            "0.000000000000000000000000000000", "1.0000000000000000000000000000", "1.00000000000000000000000000000",
            "79228162514264337593543950335", "-79228162514264337593543950335", "79228162514264337593543950336", "79228162514264337593543950335.0",
            "7.9228162514264337593543950335", "-7.9228162514264337593543950336", "7922816251426433759354395033.5", "7922816251426433759354395033.50",
            "79228162514264337593543950001 + 0.5", "39614081257132168796771975168 * 1.5", "59421121885698253195157962752.0",
            "1234567890123456789012345678.0000000000", "1000000000000000000000000000.00", "0.1234567890123456789012345678",
            "0.12345678901234567890123456789", "9999999999999999999999999999.9", "1e28", "-1.5e28", "1 / 3::numeric", "10::numeric ^ 27 / 7",
        };
        var mantissas = new List<BigInteger> { 1, 5, 12345, BigInteger.Pow(10, 27), BigInteger.Pow(10, 28), BigInteger.Pow(10, 28) + 1 };
        for (var delta = -2; delta <= 2; delta++)
        {
            mantissas.Add(TwoTo96 + delta);
        }

        mantissas.Add(TwoTo96 * 10);
        mantissas.Add(BigInteger.Pow(10, 29));
        for (var scale = 0; scale <= 31; scale++)
        {
            foreach (var m in mantissas)
            {
                values.Add(Text(m, scale));
                values.Add(Text(-m, scale));
            }
        }

        return values;
    }

    private static string Trimmed(string number) => number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;

    [Fact]
    public async Task The_condition_holds_exactly_for_the_values_Npgsql_reads_back_as_stored()
    {
        var condition = PostgresRenderer.Render(DecimalReadable.Condition(new SqlColumnExpression(null, "v"))).Text;
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var accepted = 0;
        var lossy = new List<string>();
        foreach (var value in Values())
        {
            await using var command = new NpgsqlCommand($"SELECT v, v::text, {condition} FROM (SELECT ({value})::numeric AS v) AS s", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var stored = reader.GetString(1);
            var holds = !reader.IsDBNull(2) && reader.GetBoolean(2);
            string? read;
            try
            {
                read = reader.GetFieldValue<decimal>(0).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is OverflowException or IndexOutOfRangeException or InvalidCastException)
            {
                read = null;
            }

            Assert.True(holds == (read == stored), $"{value} = {stored}: condition {holds}, read as {read ?? "(fails)"}");
            if (holds)
            {
                accepted++;
            }
            else if (read is not null)
            {
                // Refused though Npgsql reads it: only by cutting zeros off the scale (the value is equal).
                Assert.Equal(Trimmed(stored), Trimmed(read));
                lossy.Add(stored);
            }
        }

        Assert.True(accepted > 100, $"{accepted} accepted");
        Assert.Contains("1234567890123456789012345678.0000000000", lossy);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public async Task NaN_and_infinities_fail_the_condition_as_a_check_and_as_a_guard(string value)
    {
        var condition = PostgresRenderer.Render(DecimalReadable.Condition(new SqlColumnExpression(null, "v"))).Text;
        // A CHECK passes NULL: the condition must be false, not NULL, for these values.
        var holds = await PlainRows.ScalarAsync<bool?>(fixture.ConnectionString, $"SELECT ({condition}) IS NOT FALSE FROM (SELECT '{value}'::numeric AS v) AS s");
        Assert.False(holds);
    }
}
