using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The decimal range guard of <see cref="Op"/> on a <c>decimal</c> column: on an unconstrained <c>numeric</c> column the
/// statement carries it (its bound a literal of the cached text, not a parameter); on a <c>numeric(p, s)</c> column with at
/// most 28 integer digits it is left out, because the column's own type refuses every value beyond decimal's range first.
/// Either way a result the column cannot take fails typed and writes nothing, inside or outside a transaction. Values are
/// read back with plain Npgsql.
/// </summary>
public sealed class DecimalGuardTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Opens = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);

    private Task<decimal> AmountAsync(int id) =>
        PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT \"Amount\" FROM \"Journal\" WHERE \"Id\" = {id}");

    private Task<decimal> BalanceAsync(string email) =>
        PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT \"Balance\" FROM \"Account\" WHERE \"Email\" = '{email}'");

    [Fact]
    public async Task An_unconstrained_numeric_column_without_the_range_check_gets_the_guard_with_a_literal_bound()
    {
        // A database whose Account table lacks the range check (older migrations, or made by hand): the client learns
        // that from the catalog and keeps the guard. With the check (as pushed), see DecimalRangeCheckTests.
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("ALTER TABLE \"Account\" DROP CONSTRAINT IF EXISTS \"Account_Balance_range\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await using var db = new TestDb(fixture.ConnectionString);
        var email = $"dg-{Guid.NewGuid():N}@bank.io";
        await db.Accounts.CreateAsync(new() { Email = email, Balance = 10m });
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var first = await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(2.5m) });
        var second = await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(2.5m) });

        Assert.Equal((12.5m, 15m), (first.Balance, second.Balance));
        Assert.Equal(15m, await BalanceAsync(email));
        Assert.Equal(sent.Statements[0], sent.Statements[1]);
        var update = sent.Statements[0];
        Assert.Contains("abs(\"target\".\"Balance\" + $1) <= 79228162514264337593543950335", update, StringComparison.Ordinal);
        Assert.Contains("\"target\".\"Email\" = $2", update, StringComparison.Ordinal);
        Assert.DoesNotContain("$3", update, StringComparison.Ordinal);

        // The guard refuses what the column would store: 22003, typed, nothing written.
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(decimal.MaxValue) }));
        Assert.Equal(("P2020", "22003"), (error.Code, error.PostgresError!.SqlState));
        Assert.Equal(15m, await BalanceAsync(email));
    }

    [Fact]
    public async Task A_numeric_column_with_at_most_28_integer_digits_needs_no_guard_and_its_type_refuses_overflow()
    {
        var journal = await fixture.Db.Journals.CreateAsync(new() { Code = "dg" + Guid.NewGuid().ToString("N")[..8], Amount = 999990m, OpensAt = Opens, BookedAt = DateTime.UtcNow });
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var raised = await fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Increment(9.99m) });
        Assert.Equal(999999.99m, raised.Amount);
        Assert.Equal(999999.99m, await AmountAsync(journal.Id));
        Assert.StartsWith("UPDATE", sent.Statements[0], StringComparison.Ordinal);
        Assert.DoesNotContain("CASE", sent.Statements[0], StringComparison.Ordinal);
        Assert.DoesNotContain("abs(", sent.Statements[0], StringComparison.Ordinal);

        // One cent past numeric(8,2): the column refuses it (22003), typed, nothing written.
        var outside = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Increment(0.01m) }));
        Assert.Equal(("P2020", "22003"), (outside.Code, outside.PostgresError!.SqlState));
        Assert.Equal(999999.99m, await AmountAsync(journal.Id));

        // Inside a transaction: the failing statement rolls back the earlier update of the same row too.
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Decrement(1m) });
            await tx.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Increment(1.01m) });
        }));
        Assert.Equal(999999.99m, await AmountAsync(journal.Id));

        // The negative edge, committed inside a transaction.
        var lowered = await fixture.Db.TransactionAsync(tx => tx.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Decrement(1999999.98m) }));
        Assert.Equal(-999999.99m, lowered.Amount);
        Assert.Equal(-999999.99m, await AmountAsync(journal.Id));
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id, new() { Amount = Op.Decrement(0.01m) }));
        Assert.Equal(-999999.99m, await AmountAsync(journal.Id));
    }
}
