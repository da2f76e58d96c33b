using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// <see cref="Op"/> operations never give a silently different result: amounts that the column cannot take exactly
/// are refused before any SQL, results beyond the column's type fail the statement (nothing written), and a value
/// that cannot be read names its column and row instead of poisoning the table. Stored values are read with plain Npgsql.
/// </summary>
public sealed class NumberOperationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<LedgerEntry> EntryAsync(decimal amount = 10m, int hits = 10)
    {
        var ledger = await fixture.Db.Ledgers.CreateAsync(new() { Name = "l-" + Guid.NewGuid().ToString("N") });
        return await fixture.Db.LedgerEntries.CreateAsync(new() { LedgerId = ledger.Id, Hits = hits, Total = hits, Small = (short)hits, Amount = amount, AmountN = amount, Ratio = 1.5 });
    }

    private async Task<(int Hits, long Total, short Small, decimal Amount, string AmountText)> StoredAsync(int id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Hits\", \"Total\", \"Small\", \"Amount\"::text FROM \"LedgerEntry\" WHERE \"Id\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var text = reader.GetString(3);
        return (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt16(2), decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), text);
    }

    [Theory]
    [InlineData("multiply", 0.5)]
    [InlineData("divide", 0.5)]
    [InlineData("increment", 1.25)]
    [InlineData("decrement", 0.001)]
    public async Task Fractional_amounts_on_integer_columns_are_refused_before_any_sql(string op, double amount)
    {
        var entry = await EntryAsync();
        var value = (decimal)amount;
        NumberOperation operation = op switch
        {
            "multiply" => Op.Multiply(value),
            "divide" => Op.Divide(value),
            "increment" => Op.Increment(value),
            _ => Op.Decrement(value),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Hits = operation }));
        Assert.Contains("Hits", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Total = operation }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.LedgerEntries.UpdateManyAsync(e => e.Id == entry.Id, new() { Small = operation }));
        Assert.Equal((10, 10L, (short)10), ((await StoredAsync(entry.Id)).Hits, (await StoredAsync(entry.Id)).Total, (await StoredAsync(entry.Id)).Small));

        // On a decimal column the same amount is exact arithmetic in SQL, as written.
        var updated = await fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = operation });
        var expected = op switch { "multiply" => 10m * value, "divide" => 10m / value, "increment" => 10m + value, _ => 10m - value };
        Assert.Equal(expected, (await StoredAsync(entry.Id)).Amount);
        Assert.Equal(expected, updated.Amount);
    }

    [Fact]
    public async Task Whole_amounts_keep_integer_arithmetic_like_csharp()
    {
        var entry = await EntryAsync(hits: -7);
        var updated = await fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Hits = Op.Divide(2), Total = Op.Multiply(3), Small = Op.Increment(2.000m) });
        Assert.Equal((-7 / 2, -7L * 3, (short)-5), (updated.Hits, updated.Total, updated.Small));
        var stored = await StoredAsync(entry.Id);
        Assert.Equal((-3, -21L, (short)-5), (stored.Hits, stored.Total, stored.Small));
    }

    [Fact]
    public async Task Division_by_zero_and_amounts_beyond_the_column_type_are_argument_errors()
    {
        var entry = await EntryAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Hits = Op.Divide(0) }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Divide(0m) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Hits = Op.Increment(3_000_000_000m) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Small = Op.Multiply(40_000) }));
        Assert.Equal(10, (await StoredAsync(entry.Id)).Hits);
    }

    [Fact]
    public async Task Integer_results_beyond_the_column_fail_typed_and_write_nothing()
    {
        var entry = await EntryAsync(hits: int.MaxValue - 1);
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Hits = Op.Increment(5), Amount = Op.Increment(1) }));
        Assert.Equal("P2020", error.Code);
        var stored = await StoredAsync(entry.Id);
        Assert.Equal((int.MaxValue - 1, 10m), (stored.Hits, stored.Amount));
    }

    [Fact]
    public async Task Decimal_results_beyond_decimal_are_not_stored()
    {
        var half = (decimal.MaxValue - 1) / 2;
        var entry = await EntryAsync(amount: half);
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) }));
        Assert.Equal("P2020", error.Code);
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateManyAsync(e => e.Id == entry.Id, new() { AmountN = Op.Increment(decimal.MaxValue) }));

        var stored = await StoredAsync(entry.Id);
        Assert.Equal(half, stored.Amount);

        // Up to decimal.MaxValue itself is fine, and the row stays readable through every path.
        var doubled = await fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(2) });
        Assert.Equal(decimal.MaxValue - 1, doubled.Amount);
        Assert.Equal((await StoredAsync(entry.Id)).Amount, doubled.Amount);
        Assert.Equal(doubled.Amount, (await fixture.Db.LedgerEntries.Where(e => e.Id == entry.Id).SingleAsync()).Amount);
    }

    [Fact]
    public async Task The_decimal_guard_admits_decimals_range_to_its_edges_on_cached_statements_inside_and_outside_a_transaction()
    {
        // The guard's bound is a literal of the cached text: the same shape runs twice each way (a miss, then a hit).
        var top = await EntryAsync(amount: decimal.MaxValue - 2);
        for (var i = 0; i < 2; i++)
        {
            var raised = await fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == top.Id, new() { Amount = Op.Increment(1) });
            Assert.Equal(decimal.MaxValue - 1 + i, raised.Amount);
        }

        Assert.Equal(decimal.MaxValue, (await StoredAsync(top.Id)).Amount);
        for (var i = 0; i < 2; i++)
        {
            // One past the edge inside a transaction: the statement fails, the transaction rolls back its earlier update too.
            await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.TransactionAsync(async tx =>
            {
                await tx.LedgerEntries.UpdateAsync(e => e.Id == top.Id, new() { Amount = Op.Decrement(1) });
                await tx.LedgerEntries.UpdateAsync(e => e.Id == top.Id, new() { Amount = Op.Increment(2) });
            }));
            Assert.Equal(decimal.MaxValue, (await StoredAsync(top.Id)).Amount);
        }

        // The lower edge (abs of the result): decimal.MinValue is stored, one below it is not.
        var bottom = await EntryAsync(amount: decimal.MinValue + 1);
        var lowest = await fixture.Db.TransactionAsync(tx => tx.LedgerEntries.UpdateAsync(e => e.Id == bottom.Id, new() { Amount = Op.Decrement(1) }));
        Assert.Equal(decimal.MinValue, lowest.Amount);
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.LedgerEntries.UpdateAsync(e => e.Id == bottom.Id, new() { Amount = Op.Decrement(1) }));
        Assert.Equal("P2020", error.Code);
        Assert.Equal(decimal.MinValue, (await StoredAsync(bottom.Id)).Amount);
    }

    [Fact]
    public async Task A_value_written_outside_decimal_range_names_its_column_and_row_and_leaves_the_rest_readable()
    {
        var entry = await EntryAsync();
        var other = await EntryAsync();
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            // The range check refuses the value from every writer; a database without it (older migrations, made by
            // hand) stores it: simulated by re-adding the check NOT VALID around the write, so it still guards new
            // writes of the other tests of this class.
            await using var refused = new NpgsqlCommand("UPDATE \"LedgerEntry\" SET \"Amount\" = 1e30 WHERE \"Id\" = $1", connection);
            refused.Parameters.Add(new NpgsqlParameter { Value = entry.Id });
            Assert.Equal("23514", (await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteNonQueryAsync())).SqlState);
            await using var command = new NpgsqlCommand($"""
                BEGIN;
                ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_Amount_range";
                UPDATE "LedgerEntry" SET "Amount" = 1e30 WHERE "Id" = {entry.Id};
                ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_Amount_range" CHECK (abs("Amount") <= 79228162514264337593543950335) NOT VALID;
                COMMIT;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        var ids = new[] { other.Id, entry.Id };
        var list = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => fixture.Db.LedgerEntries.Where(e => ids.Contains(e.Id)).OrderByDescending(e => e.Id).ToListAsync());
        Assert.Equal("P2023", list.Code);
        Assert.Equal("Amount", list.Column);
        Assert.Equal(1, list.Row);
        Assert.DoesNotContain("1000000000000000000000000000000", list.Message);

        var single = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => fixture.Db.LedgerEntries.SingleAsync(e => e.Id == entry.Id));
        Assert.Equal(0, single.Row);
        var projected = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => fixture.Db.LedgerEntries.Where(e => e.Id == entry.Id).Select(e => new { e.Id, e.Amount }).ToListAsync());
        Assert.Contains("Amount", projected.Message);
        await Assert.ThrowsAsync<InconsistentColumnDataException>(() => fixture.Db.Ledgers.Where(l => l.Id == entry.LedgerId).Include(l => l.Entries).ToListAsync());

        // The rest of the table and the other columns of the row still read.
        Assert.Equal(other.Amount, (await fixture.Db.LedgerEntries.SingleAsync(e => e.Id == other.Id)).Amount);
        Assert.Equal(entry.Hits, await fixture.Db.LedgerEntries.Where(e => e.Id == entry.Id).Select(e => e.Hits).SingleAsync());
    }
}
