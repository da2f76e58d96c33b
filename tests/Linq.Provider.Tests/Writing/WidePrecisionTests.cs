using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// <c>[Precision(p, s)]</c> with more than 28 digits (<see cref="Wallet"/>: numeric(38, 18)). The column keeps every value
/// at scale 18, so 12345678901234567890.123456789m would be stored as …789000000000: 38 digits, beyond the 96 bits a
/// decimal reads back. Before, such a column counted as bounded (20 integer digits) and got neither the range check nor
/// the guard: a plain create stored a row no read could return. Now the write is refused before any SQL (P2020), number
/// operations carry the guard or meet the check, and values within 96 bits at scale 18 read back exactly.
/// </summary>
public sealed class WidePrecisionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewOwner() => "wp-" + Guid.NewGuid().ToString("N")[..10];

    private Task<long> CountAsync(string owner) =>
        PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Wallet\" WHERE \"Owner\" = '{owner}'");

    private Task<string> StoredAsync(string owner) =>
        PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Amount\"::text FROM \"Wallet\" WHERE \"Owner\" = '{owner}'");

    public static TheoryData<string> Unreadable => ["12345678901234567890.123456789", "-79228162515", "79228162514.2643375935439504"];

    public static TheoryData<string> Readable => ["79228162514.264337593543950335", "-79228162514.264337593543950335", "0.000000000000000001", "1234567890.123456789", "0", "79228162514"];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_value_with_more_digits_at_the_columns_scale_than_a_decimal_holds_is_refused_before_any_sql(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var owner = NewOwner();
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var create = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Wallets.CreateAsync(new() { Owner = owner, Amount = value }));
        var many = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Wallets.CreateManyAsync([new() { Owner = owner, Amount = 1m }, new() { Owner = owner + "b", Amount = value }]));
        Assert.Equal(("P2020", "P2020"), (create.Code, many.Code));
        Assert.Contains("96 bits", create.Message, StringComparison.Ordinal);
        Assert.Empty(sent.Statements);
        Assert.Equal(0L, await CountAsync(owner));

        await fixture.Db.Wallets.CreateAsync(new() { Owner = owner, Amount = 1m });
        var update = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Wallets.UpdateAsync(w => w.Owner == owner, new() { Amount = value }));
        Assert.Equal("P2020", update.Code);
        Assert.Equal("1.000000000000000000", await StoredAsync(owner));
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public async Task Values_within_96_bits_at_the_columns_scale_read_back_exactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var owner = NewOwner();
        var created = await fixture.Db.Wallets.CreateAsync(new() { Owner = owner, Amount = value });
        Assert.Equal(value, created.Amount);
        Assert.Equal(value, (await fixture.Db.Wallets.FindUniqueAsync(w => w.Owner == owner))!.Amount);
        Assert.Equal(value, decimal.Parse(await StoredAsync(owner), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_number_operation_whose_result_would_pass_96_bits_at_the_scale_is_refused_and_changes_nothing()
    {
        var owner = NewOwner();
        await fixture.Db.Wallets.CreateAsync(new() { Owner = owner, Amount = 79228162514m });
        for (var call = 0; call < 2; call++)
        {
            var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Wallets.UpdateAsync(w => w.Owner == owner, new() { Amount = Op.Increment(1m) }));
            Assert.Equal("P2020", error.Code);
            var many = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Wallets.UpdateManyAsync(w => w.Owner == owner, new() { Amount = Op.Multiply(2m) }));
            Assert.Equal("P2020", many.Code);
        }

        Assert.Equal("79228162514.000000000000000000", await StoredAsync(owner));
        var fine = await fixture.Db.Wallets.UpdateAsync(w => w.Owner == owner, new() { Amount = Op.Increment(0.264337593543950335m) });
        Assert.Equal(79228162514.264337593543950335m, fine.Amount);
    }

    [Fact]
    public async Task The_schema_gives_the_column_the_range_check()
    {
        var definition = await PlainRows.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'Wallet_Amount_range'");
        Assert.Contains("scale(\"Amount\")", definition, StringComparison.Ordinal);
    }
}
