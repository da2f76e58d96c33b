using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The decimal guard of <see cref="Op"/> number operations is left out exactly where the DATABASE bounds the column, as
/// the client learns from the catalog (not from the model): the range CHECK migrations create ("check"), or a
/// <c>numeric(p, s)</c> type with at most 28 digits ("typed", <c>numeric(28, 0)</c>); a table made by hand without either
/// ("none") keeps the guard. Each kind lives in its own schema of the class's database (the client's search_path
/// picks it), with a fresh client so it learns the bounds itself. Whatever the kind, a result beyond decimal's range
/// fails with the same typed error and leaves the row as it was, read back with plain Npgsql; combined with
/// UpdateAsync, UpdateManyAsync, upsert's update branch, a nested update, an interactive and a batch transaction, and
/// a client with a global filter.
/// </summary>
public sealed partial class DecimalRangeCheckTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // 28 integer digits: fits numeric(28, 0) and decimal; times 10 it is beyond both.
    private const decimal Big = 9_000_000_000_000_000_000_000_000_000m;
    private const string Guard = "CASE WHEN ((abs(";

    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static readonly HashSet<string> Prepared = [];

    public static TheoryData<string> Kinds => new() { "check", "typed", "none", "magnitude" };

    // The schema of a kind: "check" is the pushed schema itself; the others copy its tables without the range checks,
    // and "magnitude" adds the magnitude-only checks older versions' migrations created, validated (not trusted: the guard stays).
    private static string SchemaOf(string kind) => kind == "check" ? "public" : "rc_" + kind;

    private async Task<TestDb> ClientAsync(string kind)
    {
        await Setup.WaitAsync();
        try
        {
            if (kind != "check" && Prepared.Add(fixture.ConnectionString + kind))
            {
                var schema = SchemaOf(kind);
                var sql = $"""
                    CREATE SCHEMA {schema};
                    CREATE TABLE {schema}."Ledger" (LIKE public."Ledger" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
                    CREATE TABLE {schema}."LedgerEntry" (LIKE public."LedgerEntry" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
                    CREATE TABLE {schema}."Account" (LIKE public."Account" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
                    """;
                if (kind == "magnitude")
                {
                    foreach (var (table, column) in new[] { ("LedgerEntry", "Amount"), ("LedgerEntry", "AmountN"), ("Account", "Balance") })
                    {
                        var old = new CheckConstraintDefinition(table + "_" + column + "_range", column, CheckConstraintKind.DecimalMagnitude);
                        sql += $"""ALTER TABLE {schema}."{table}" ADD CONSTRAINT "{old.Name}" CHECK ({old.Condition});""" + "\n";
                    }
                }

                if (kind == "typed")
                {
                    sql += $"""
                        ALTER TABLE {schema}."LedgerEntry" ALTER COLUMN "Amount" TYPE numeric(28, 0), ALTER COLUMN "AmountN" TYPE numeric(28, 0);
                        ALTER TABLE {schema}."Account" ALTER COLUMN "Balance" TYPE numeric(28, 0);
                        """;
                }

                await ExecuteAsync(sql);
            }
        }
        finally
        {
            Setup.Release();
        }

        return new TestDb(fixture.ConnectionString + $";Search Path={SchemaOf(kind)},public");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> StoredAsync(string kind, string table, string column, string where) =>
        Assert.Single(await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"{column}\"::text AS v FROM {SchemaOf(kind)}.\"{table}\" WHERE {where}", r => r.Ref<string>("v")));

    private static async Task<(LedgerEntry Entry, Ledger Ledger)> EntryAsync(TestDb db)
    {
        var ledger = await db.Ledgers.CreateAsync(new() { Name = "rc-" + Guid.NewGuid().ToString("N") });
        var entry = await db.LedgerEntries.CreateAsync(new() { LedgerId = ledger.Id, Hits = 1, Total = 1, Small = 1, Amount = Big, AmountN = Big, Ratio = 1 });
        return (entry, ledger);
    }

    private static void AssertGuard(string kind, IEnumerable<string> statements)
    {
        var updates = statements.Where(s => s.Contains("\"Amount", StringComparison.Ordinal) || s.Contains("\"Balance\"", StringComparison.Ordinal))
            .Where(s => s.Contains("UPDATE", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(updates);
        foreach (var update in updates)
        {
            if (kind is "none" or "magnitude")
            {
                Assert.Contains(Guard, update, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("CASE", update, StringComparison.Ordinal);
            }
        }
    }

    // The error the guard's 22003 has always given (the server names no table for it); the range check's 23514 gives the same.
    private static void AssertOutOfRange(ValueOutOfRangeException error, string kind)
    {
        Assert.Equal(("P2020", (string?)null), (error.Code, error.Model));
        Assert.Equal("P2020: A value or a computed result is out of range for its type.", error.Message);
        Assert.Empty(error.Fields);
        Assert.Equal(kind == "check" ? "23514" : "22003", error.PostgresError!.SqlState);
    }

    [Fact]
    public async Task The_schema_push_creates_the_range_checks_and_only_for_unbounded_decimal_columns()
    {
        var checks = await PlainRows.ReadAsync(fixture.ConnectionString, """
            SELECT c.relname::text AS "table", k.conname::text AS "name", k.convalidated AS "valid" FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'c' AND n.nspname = 'public' AND k.conname::text LIKE '%\_range'
            """, r => (Table: r.Get<string>("table"), Name: r.Get<string>("name"), Valid: r.Get<bool>("valid")));
        Assert.Contains(("LedgerEntry", "LedgerEntry_Amount_range", true), checks);
        Assert.Contains(("LedgerEntry", "LedgerEntry_AmountN_range", true), checks);
        Assert.Contains(("Account", "Account_Balance_range", true), checks);
        // Journal.Amount is numeric(8, 2): its type bounds it, no check.
        Assert.DoesNotContain(checks, c => c.Table == "Journal");

        // Every writer is refused now, raw SQL included; NULL passes.
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"""INSERT INTO "Account" ("Email", "Balance") VALUES ('rc-{Guid.NewGuid():N}', -1e29)"""));
        Assert.Equal(("23514", "Account_Balance_range"), (error.SqlState, error.ConstraintName));
        var (entry, _) = await EntryAsync(fixture.Db);
        await ExecuteAsync($"""UPDATE "LedgerEntry" SET "AmountN" = NULL WHERE "Id" = {entry.Id}""");
        Assert.Null(await StoredAsync("check", "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"));
    }

    [Theory]
    [InlineData("check", "\"Balance\" = \"target\".\"Balance\" + $1 WHERE")]
    [InlineData("typed", "\"Balance\" = \"target\".\"Balance\" + $1 WHERE")]
    [InlineData("none", "\"Balance\" = CASE WHEN ((abs(\"target\".\"Balance\" + $1) <= 79228162514264337593543950335) AND (scale(\"target\".\"Balance\" + $1) <= 28)) AND ((abs(\"target\".\"Balance\" + $1) * power(10.0, scale(\"target\".\"Balance\" + $1))) <= 79228162514264337593543950335) THEN \"target\".\"Balance\" + $1 ELSE (abs(\"target\".\"Balance\" + $1) + 79228162514264337593543950335)::numeric(28, 0) END WHERE")]
    [InlineData("magnitude", "\"Balance\" = CASE WHEN ((abs(\"target\".\"Balance\" + $1) <= 79228162514264337593543950335) AND (scale(\"target\".\"Balance\" + $1) <= 28)) AND ((abs(\"target\".\"Balance\" + $1) * power(10.0, scale(\"target\".\"Balance\" + $1))) <= 79228162514264337593543950335) THEN \"target\".\"Balance\" + $1 ELSE (abs(\"target\".\"Balance\" + $1) + 79228162514264337593543950335)::numeric(28, 0) END WHERE")]
    public async Task The_update_text_has_the_guard_only_where_the_database_does_not_bound_the_column(string kind, string set)
    {
        await using var db = await ClientAsync(kind);
        var email = $"rc-{Guid.NewGuid():N}@bank.io";
        await db.Accounts.CreateAsync(new() { Email = email, Balance = 1 });
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var updated = await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(2) });
        Assert.Equal(3m, updated.Balance);
        Assert.Equal("3", (await StoredAsync(kind, "Account", "Balance", $"\"Email\" = '{email}'"))!.Split('.')[0]);
        Assert.Equal(
            $"UPDATE \"Account\" AS \"target\" SET {set} \"target\".\"Email\" = $2 RETURNING \"target\".\"Id\", \"target\".\"Email\", \"target\".\"Balance\"",
            Assert.Single(sent.Statements));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task UpdateAsync_and_UpdateManyAsync_leave_the_guard_out_where_the_database_bounds_the_column(string kind)
    {
        await using var db = await ClientAsync(kind);
        var (entry, _) = await EntryAsync(db);
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        var raised = await db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Increment(1) });
        Assert.Equal(Big + 1, raised.Amount);
        Assert.Equal(Big + 1, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));

        // Twice each: the cached text keeps the decision.
        for (var i = 0; i < 2; i++)
        {
            AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) })), kind);
            AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateManyAsync(e => e.Id == entry.Id, new() { AmountN = Op.Increment(decimal.MaxValue) })), kind);
        }

        Assert.Equal(Big + 1, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Big, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        AssertGuard(kind, sent.Statements);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Upserts_update_branch_and_a_nested_update_follow_the_database(string kind)
    {
        await using var db = await ClientAsync(kind);
        var email = $"rc-{Guid.NewGuid():N}@bank.io";
        await db.Accounts.CreateAsync(new() { Email = email, Balance = Big });
        var (entry, ledger) = await EntryAsync(db);
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        var upsert = await Assert.ThrowsAsync<ValueOutOfRangeException>(() =>
            db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 1 }, update: new() { Balance = Op.Multiply(10) }));
        AssertOutOfRange(upsert, kind);
        Assert.Equal(Big, decimal.Parse((await StoredAsync(kind, "Account", "Balance", $"\"Email\" = '{email}'"))!, System.Globalization.CultureInfo.InvariantCulture));
        var fine = await db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 1 }, update: new() { Balance = Op.Decrement(1) });
        Assert.Equal(Big - 1, fine.Balance);

        var nested = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Ledgers.UpdateAsync(l => l.Id == ledger.Id, new()
        {
            Name = "renamed",
            Entries = new() { Update = [new() { Where = e => e.Id == entry.Id, Data = new() { Amount = Op.Multiply(10) } }] },
        }));
        AssertOutOfRange(nested, kind);
        Assert.Equal(Big, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ledger.Name, await StoredAsync(kind, "Ledger", "Name", $"\"Id\" = {ledger.Id}"));

        await db.Ledgers.UpdateAsync(l => l.Id == ledger.Id, new()
        {
            Entries = new() { UpdateMany = [new() { Where = e => e.Id == entry.Id, Data = new() { AmountN = Op.Decrement(1m) } }] },
        });
        Assert.Equal(Big - 1m, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        AssertGuard(kind, sent.Statements);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Inside_an_interactive_transaction_the_lookup_runs_on_its_connection_and_the_overflow_rolls_it_back(string kind)
    {
        await using var db = await ClientAsync(kind);
        var (entry, _) = await EntryAsync(db);
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        // The client's first update runs inside the transaction: the catalog read happens there and leaves it usable.
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.TransactionAsync(async tx =>
        {
            await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Decrement(1) });
            await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) });
        }));
        Assert.Equal(Big, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));

        var committed = await db.TransactionAsync(async tx =>
        {
            await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Decrement(1) });
            return await tx.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Decrement(2) });
        });
        Assert.Equal(Big - 3, committed.Amount);
        Assert.Equal(Big - 3, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        AssertGuard(kind, sent.Statements);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_batch_transaction_learns_the_bounds_before_its_round_trip(string kind)
    {
        await using var db = await ClientAsync(kind);
        var (entry, _) = await EntryAsync(db);
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        // Built before the client knows the bounds (its first update), run after the lookup.
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.TransactionAsync(
            Batch.UpdateMany(db.LedgerEntries, e => e.Id == entry.Id, new LedgerEntryUpdateInput { AmountN = Op.Decrement(1) }),
            Batch.UpdateMany(db.LedgerEntries, e => e.Id == entry.Id, new LedgerEntryUpdateInput { Amount = Op.Multiply(10) })));
        AssertOutOfRange(error, kind);
        Assert.Equal(Big, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));

        var (changed, count) = await db.TransactionAsync(
            Batch.UpdateMany(db.LedgerEntries, e => e.Id == entry.Id, new LedgerEntryUpdateInput { AmountN = Op.Decrement(1) }),
            Batch.Count(db.LedgerEntries.Where(e => e.Id == entry.Id)));
        Assert.Equal((1, 1), (changed, count));
        Assert.Equal(Big - 1, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "AmountN", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        AssertGuard(kind, sent.Statements);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_client_with_a_global_filter_keeps_the_decision_and_the_error(string kind)
    {
        await using var root = await ClientAsync(kind);
        var db = root.WithExtensions(x => x.Filter<LedgerEntry>(e => e.Hits >= 0));
        var (entry, _) = await EntryAsync(root);
        using var sent = new RoundTripCounter(fixture.ConnectionString);

        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) })), kind);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateManyAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) })), kind);
        var updated = await db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Increment(2) });
        Assert.Equal(Big + 2, updated.Amount);
        Assert.Equal(Big + 2, decimal.Parse((await StoredAsync(kind, "LedgerEntry", "Amount", $"\"Id\" = {entry.Id}"))!, System.Globalization.CultureInfo.InvariantCulture));
        AssertGuard(kind, sent.Statements);
    }

    [Fact]
    public async Task A_check_added_NOT_VALID_and_never_validated_does_not_count()
    {
        await using (var setup = await ClientAsync("none"))
        {
        }

        await ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS rc_unvalidated;
            CREATE TABLE IF NOT EXISTS rc_unvalidated."LedgerEntry" (LIKE public."LedgerEntry" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
            CREATE TABLE IF NOT EXISTS rc_unvalidated."Ledger" (LIKE public."Ledger" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
            """ + $"""
            ALTER TABLE rc_unvalidated."LedgerEntry" ADD CONSTRAINT "LedgerEntry_Amount_range" CHECK ({CheckConstraintDefinition.DecimalRange("LedgerEntry", "Amount").Condition}) NOT VALID;
            """);
        await using var db = new TestDb(fixture.ConnectionString + ";Search Path=rc_unvalidated,public");
        var (entry, _) = await EntryAsync(db);
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        AssertOutOfRange(await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.LedgerEntries.UpdateAsync(e => e.Id == entry.Id, new() { Amount = Op.Multiply(10) })), "none");
        Assert.Contains(Guard, Assert.Single(sent.Statements, s => s.StartsWith("UPDATE", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
