using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Results within decimal's range that no decimal can read back (more digits than 96 bits hold at the kept scale): the
/// range check ("check") and the guard ("none", and "magnitude", where the database has only the magnitude check older
/// versions created) refuse them alike, typed and before anything is stored, on every write path that computes on the
/// server; readable edge results pass and read back as stored (value and scale). Stored values are read with plain Npgsql.
/// </summary>
public sealed partial class DecimalRangeCheckTests
{
    // + 0.5 is 79228162514264337593543950001.5; its digits (…0015) are beyond 96 bits.
    private const decimal NearMax = 79228162514264337593543950001m;

    // × 1.5 is 59421121885698253195157962752.0: whole, but kept with one place, so 594…520 > 2^96.
    private const decimal Half = 39614081257132168796771975168m;

    public static TheoryData<string> Unbounded => new() { "check", "none", "magnitude" };

    [Theory]
    [MemberData(nameof(Unbounded))]
    public async Task Results_within_the_range_with_more_digits_than_a_decimal_holds_are_refused_on_every_path(string kind)
    {
        await using var db = await ClientAsync(kind);
        var email = $"rc-{Guid.NewGuid():N}@bank.io";
        await db.Accounts.CreateAsync(new() { Email = email, Balance = NearMax });
        var ledger = await db.Ledgers.CreateAsync(new() { Name = "rc-" + Guid.NewGuid().ToString("N") });
        var entry = await db.LedgerEntries.CreateAsync(new() { LedgerId = ledger.Id, Hits = 1, Total = 1, Small = 1, Amount = Half, AmountN = NearMax, Ratio = 1 });
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(0.5m) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(1.5m) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateManyAsync(e => e.Id == entry.Id, new() { AmountN = Op.Increment(0.5m) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateManyAsync(e => e.Hits == 1 && e.Id == entry.Id, new() { Amount = Op.Multiply(1.5m) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() =>
            db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 1 }, update: new() { Balance = Op.Increment(0.5m) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Ledgers.UpdateAsync(l => l.Id == ledger.Id, new()
        {
            Name = "renamed",
            Entries = new() { Update = [new() { Where = e => e.Id == entry.Id, Data = new() { Amount = Op.Multiply(1.5m) } }] },
        })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Ledgers.UpdateAsync(l => l.Id == ledger.Id, new()
        {
            Entries = new() { UpdateMany = [new() { Where = e => e.Id == entry.Id, Data = new() { AmountN = Op.Increment(0.5m) } }] },
        })), kind);

        // A transaction rolls back its earlier change of the row too: interactive, and a batch (one round trip).
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.TransactionAsync(async tx =>
        {
            await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Decrement(1) });
            await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(1.5m) });
        })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.TransactionAsync(
            Batch.UpdateMany(db.LedgerEntries, e => e.Id == entry.Id, new LedgerEntryUpdateInput { Amount = Op.Decrement(1) }),
            Batch.UpdateMany(db.LedgerEntries, e => e.Id == entry.Id, new LedgerEntryUpdateInput { AmountN = Op.Increment(0.5m) }))), kind);

        Assert.Equal("79228162514264337593543950001", await StoredAsync(kind, "Account", "Balance", $"\"Email\" = '{email}'"));
        Assert.Equal("39614081257132168796771975168", await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"));
        Assert.Equal("79228162514264337593543950001", await StoredAsync(kind, "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"));
        Assert.Equal(ledger.Name, await StoredAsync(kind, "Ledger", "Name", $"\"Id\" = {ledger.Id}"));

        // Nothing unreadable was stored: the rows read through the client as before.
        Assert.Equal(NearMax, (await db.Accounts.FindUniqueAsync(a => a.Email == email))!.Balance);
        var read = await db.LedgerEntries.SingleAsync(e => e.Id == entry.Id);
        Assert.Equal((Half, (decimal?)NearMax), (read.Amount, read.AmountN));
        AssertGuard(kind, sent.Statements);
    }

    [Theory]
    [MemberData(nameof(Unbounded))]
    public async Task Readable_edge_results_pass_and_read_back_as_stored(string kind)
    {
        await using var db = await ClientAsync(kind);
        var email = $"rc-{Guid.NewGuid():N}@bank.io";
        await db.Accounts.CreateAsync(new() { Email = email, Balance = 1.000m });
        string where = $"\"Email\" = '{email}'";

        async Task AssertStepAsync(AccountUpdateInput data, string expected)
        {
            var updated = await db.Accounts.UpdateAsync(a => a.Email == email, data);
            Assert.Equal(expected, updated.Balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected, await StoredAsync(kind, "Account", "Balance", where));
            var many = await db.Accounts.UpdateManyAsync(a => a.Email == email, new() { Balance = Op.Multiply(1) });
            Assert.Equal(1, many);
            Assert.Equal(expected, (await db.Accounts.FindUniqueAsync(a => a.Email == email))!.Balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The scale a decimal keeps (1.000 + 0.5 is 1.500), and 28 places.
        await AssertStepAsync(new() { Balance = Op.Increment(0.5m) }, "1.500");
        await AssertStepAsync(new() { Balance = Op.Increment(0.0000000000000000000000000001m) }, "1.5000000000000000000000000001");
        // 2^96 - 1 as a whole number, and as 28 integer digits and a half (the same 96 bits at scale 1).
        await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = 79228162514264337593543950334m });
        await AssertStepAsync(new() { Balance = Op.Increment(1) }, "79228162514264337593543950335");
        await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = 7922816251426433759354395033m });
        await AssertStepAsync(new() { Balance = Op.Increment(0.5m) }, "7922816251426433759354395033.5");
        await AssertStepAsync(new() { Balance = Op.Multiply(-1) }, "-7922816251426433759354395033.5");
        // A division keeps PostgreSQL's 20 places here, within 96 bits.
        await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = 1m });
        await AssertStepAsync(new() { Balance = Op.Divide(3) }, "0.33333333333333333333");
    }
}
