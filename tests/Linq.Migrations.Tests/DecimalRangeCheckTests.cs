using Linq.Migrations.Diffing;
using Linq.Migrations.Safety;
using Linq.Migrations.Tests.Infrastructure;
using Linq.Sql.Schema.Operations;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

/// <summary>
/// The decimal range check (<see cref="CheckConstraintKind.DecimalRange"/>) through the migration path on a real server:
/// created with its table, added to an existing table NOT VALID then validated (classified destructive, with the rows it
/// would refuse counted), dropped when the column's precision bounds it or its type changes, read back by introspection
/// (whatever its name) without drift, while a check the model does not know stays out of the model and in the database.
/// What the catalog holds is read with plain SQL.
/// </summary>
public sealed class DecimalRangeCheckTests
{
    private static TableDefinition Account(string balance = "numeric", bool check = true, bool withBalance = true) =>
        Table("Account", [Col("Id", "integer", identity: true), .. withBalance ? [Col("Balance", balance, nullable: true)] : Array.Empty<ColumnDefinition>()],
            primaryKey: ["Id"]) with { Checks = check ? [CheckConstraintDefinition.DecimalRange("Account", "Balance")] : [] };

    // The condition as migrations write it, and as PostgreSQL prints it back.
    private const string Condition = "((abs(\"Balance\") <= 79228162514264337593543950335) AND (scale(\"Balance\") <= 28)) AND ((abs(\"Balance\") * power(10.0, scale(\"Balance\"))) <= 79228162514264337593543950335)";
    private const string Printed = "((abs(\"Balance\") <= '79228162514264337593543950335'::numeric) AND (scale(\"Balance\") <= 28) AND ((abs(\"Balance\") * power(10.0, (scale(\"Balance\"))::numeric)) <= '79228162514264337593543950335'::numeric))";

    private static Task<string> ChecksAsync(TestDatabase db) => db.ScalarAsync<string>("""
        SELECT coalesce(string_agg(conname || ':' || convalidated || ':' || pg_get_constraintdef(oid), ' | ' ORDER BY conname), '')
        FROM pg_constraint WHERE contype = 'c' AND conrelid = '"Account"'::regclass
        """);

    private static async Task ApplyAsync(TestDatabase db, SchemaDefinition target)
    {
        var operations = await db.DiffToAsync(target);
        await db.ExecuteAsync(DdlRenderer.Script(operations));
        Assert.Empty(await db.DiffToAsync(target));
    }

    [Fact]
    public async Task Created_with_its_table_and_read_back_without_drift()
    {
        await using var db = await TestDatabase.CreateAsync();
        var schema = Schema(Account());
        Assert.Contains("CONSTRAINT \"Account_Balance_range\" CHECK (" + Condition + ")", DdlRenderer.CreateScript(schema), StringComparison.Ordinal);
        await db.PushAsync(schema);

        Assert.Equal("Account_Balance_range:true:CHECK (" + Printed + ")", await ChecksAsync(db));
        var read = (await db.IntrospectAsync()).Tables.Single();
        Assert.Equal([CheckConstraintDefinition.DecimalRange("Account", "Balance")], read.Checks);
        Assert.Empty(await db.DiffToAsync(schema));

        // The database refuses an unreadable value from any writer; NULL and decimal's edges pass.
        await db.ExecuteAsync("""
            INSERT INTO "Account" ("Balance") VALUES (NULL), (79228162514264337593543950335), (-79228162514264337593543950335),
                (7.9228162514264337593543950335), (7922816251426433759354395033.5), (1.000), (0.0000000000000000000000000001)
            """);
        foreach (var unreadable in new[] { "79228162514264337593543950336", "79228162514264337593543950001.5", "59421121885698253195157962752.0",
            "0.00000000000000000000000000001", "1.00000000000000000000000000000", "'NaN'", "'Infinity'" })
        {
            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync($"""INSERT INTO "Account" ("Balance") VALUES ({unreadable})"""));
            Assert.Equal(("23514", "Account_Balance_range"), (error.SqlState, error.ConstraintName));
        }
    }

    [Fact]
    public async Task An_existing_table_gets_it_NOT_VALID_then_validated_classified_with_the_rows_it_refuses()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Account(check: false)));
        await db.ExecuteAsync("""INSERT INTO "Account" ("Balance") VALUES (1), (NULL), (1e30), (-1e29), (79228162514264337593543950001.5), (0.5)""");

        var operations = await db.DiffToAsync(Schema(Account()));
        var add = Assert.IsType<AddCheckConstraintOperation>(Assert.Single(operations));
        Assert.Equal("""
            ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK ({Condition}) NOT VALID;
            ALTER TABLE "Account" VALIDATE CONSTRAINT "Account_Balance_range";

            """.Replace("{Condition}", Condition, StringComparison.Ordinal).ReplaceLineEndings("\n"), DdlRenderer.Render(add));

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            var review = Assert.Single(await DestructiveChangeChecker.CheckAsync(connection, operations));
            Assert.Equal((OperationSafety.Destructive, false, 3L), (review.Safety, review.LosesData, review.AffectedRows));
            Assert.Contains("cannot be read by the client today anyway", review.Warning, StringComparison.Ordinal);
            Assert.Contains("find it with WHERE NOT (" + Condition + ")", review.Warning, StringComparison.Ordinal);
            Assert.Contains("3 values no decimal can read back", review.Warning, StringComparison.Ordinal);
        }

        // The stored values beyond the range make the validation fail: nothing is left behind by the migration's transaction.
        var failed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync(DdlRenderer.Script(operations)));
        Assert.Equal("23514", failed.SqlState);
        Assert.Equal("", await ChecksAsync(db));

        await db.ExecuteAsync($"""UPDATE "Account" SET "Balance" = 0 WHERE NOT ({Condition})""");
        await ApplyAsync(db, Schema(Account()));
        Assert.StartsWith("Account_Balance_range:true:", await ChecksAsync(db), StringComparison.Ordinal);

        // A table created by the same migration carries it in CREATE TABLE and is safe.
        Assert.All(OperationClassifier.Classify(SchemaDiffer.Diff(Schema(), Schema(Account()))), c => Assert.Equal(OperationSafety.Safe, c.Safety));
    }

    [Fact]
    public async Task Dropped_before_a_bounding_precision_or_a_type_change_and_with_its_column()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Account()));

        // [Precision(20, 2)]: the type bounds the column now; the check goes first, then the type changes.
        var bounded = await db.DiffToAsync(Schema(Account("numeric(20,2)", check: false)));
        Assert.Equal([typeof(DropCheckConstraintOperation), typeof(AlterColumnTypeOperation)], bounded.Select(o => o.GetType()));
        await ApplyAsync(db, Schema(Account("numeric(20,2)", check: false)));
        Assert.Equal("", await ChecksAsync(db));

        // Unbounded again (numeric(40, 2)): the check comes back after the type change.
        var wide = await db.DiffToAsync(Schema(Account("numeric(40,2)")));
        Assert.Equal([typeof(AlterColumnTypeOperation), typeof(AddCheckConstraintOperation)], wide.Select(o => o.GetType()));
        await ApplyAsync(db, Schema(Account("numeric(40,2)")));

        // To a type abs() cannot take: the check is dropped before the conversion.
        await ApplyAsync(db, Schema(Account("text", check: false)));
        Assert.Equal("", await ChecksAsync(db));
        await ApplyAsync(db, Schema(Account()));

        // The column goes: DROP COLUMN takes its check along, no separate drop.
        var gone = await db.DiffToAsync(Schema(Account(check: false, withBalance: false)));
        Assert.IsType<DropColumnOperation>(Assert.Single(gone));
        await ApplyAsync(db, Schema(Account(check: false, withBalance: false)));
        Assert.Equal("", await ChecksAsync(db));
    }

    [Fact]
    public async Task The_magnitude_check_older_versions_created_is_drift_replaced_by_the_new_form()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Account(check: false)));
        var old = new CheckConstraintDefinition("Account_Balance_range", "Balance", CheckConstraintKind.DecimalMagnitude);
        // As older versions' migrations made it (literal quoted when printed back); it lets a value with too many digits in.
        await db.ExecuteAsync($"""
            ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK ({old.Condition});
            INSERT INTO "Account" ("Balance") VALUES (1.5), (NULL), (79228162514264337593543950001.5);
            """);
        Assert.Equal("Account_Balance_range:true:CHECK ((abs(\"Balance\") <= '79228162514264337593543950335'::numeric))", await ChecksAsync(db));
        Assert.Equal([old], (await db.IntrospectAsync()).Tables.Single().Checks);

        // Drift: dropped (by its name, whatever it is) and added in the new form, NOT VALID then validated.
        var operations = await db.DiffToAsync(Schema(Account()));
        Assert.Equal([typeof(DropCheckConstraintOperation), typeof(AddCheckConstraintOperation)], operations.Select(o => o.GetType()));
        Assert.Equal(old, ((DropCheckConstraintOperation)operations[0]).Check);
        Assert.Equal("""
            ALTER TABLE "Account" DROP CONSTRAINT "Account_Balance_range";
            ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK ({Condition}) NOT VALID;
            ALTER TABLE "Account" VALIDATE CONSTRAINT "Account_Balance_range";

            """.Replace("{Condition}", Condition, StringComparison.Ordinal).ReplaceLineEndings("\n"), string.Concat(operations.Select(DdlRenderer.Render)));

        // The drop is safe; the add may fail, and the review counts the row it would refuse.
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            var review = await DestructiveChangeChecker.CheckAsync(connection, operations);
            Assert.Equal(OperationSafety.Safe, review[0].Safety);
            Assert.Equal((OperationSafety.Destructive, 1L), (review[1].Safety, review[1].AffectedRows));
            Assert.Contains("with more digits than decimal's 96 bits hold", review[1].Warning, StringComparison.Ordinal);
        }

        // That row makes the migration fail as a whole: the old check is still there.
        var failed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync(DdlRenderer.Script(operations)));
        Assert.Equal("23514", failed.SqlState);
        Assert.Equal([old], (await db.IntrospectAsync()).Tables.Single().Checks);

        // Fixed as the warning says, the migration applies and leaves no drift; a value too many digits is refused now.
        await db.ExecuteAsync($"""UPDATE "Account" SET "Balance" = round("Balance") WHERE NOT ({Condition})""");
        await ApplyAsync(db, Schema(Account()));
        Assert.Equal("Account_Balance_range:true:CHECK (" + Printed + ")", await ChecksAsync(db));
        Assert.Equal("79228162514264337593543950002", await db.ScalarAsync<string>("""SELECT max("Balance")::text FROM "Account" """));
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync("""UPDATE "Account" SET "Balance" = "Balance" * 1.5 WHERE "Balance" > 1e28"""));
        Assert.Equal(("23514", "Account_Balance_range"), (refused.SqlState, refused.ConstraintName));
    }

    [Fact]
    public async Task A_check_the_model_does_not_know_stays_out_of_the_model_and_in_the_database()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Account()));
        // A user's own checks (other forms, another column count), and the range form under another name (made by hand).
        await db.ExecuteAsync("""
            ALTER TABLE "Account" ADD COLUMN "Other" numeric;
            ALTER TABLE "Account" ADD CONSTRAINT "positive" CHECK ("Balance" >= 0);
            ALTER TABLE "Account" ADD CONSTRAINT "pair" CHECK (abs("Balance") <= 79228162514264337593543950335 AND "Other" IS NULL);
            """ + $"""
            ALTER TABLE "Account" ADD CONSTRAINT "other_by_hand" CHECK ({CheckConstraintDefinition.DecimalRange("Account", "Other").Condition});
            """);
        var target = Schema(Account() with
        {
            Columns = [.. Account().Columns, Col("Other", "numeric", nullable: true)],
            Checks = [CheckConstraintDefinition.DecimalRange("Account", "Balance"), CheckConstraintDefinition.DecimalRange("Account", "Other")],
        });

        var read = (await db.IntrospectAsync()).Tables.Single();
        Assert.Equal([("Account_Balance_range", "Balance"), ("other_by_hand", "Other")], read.Checks.Select(c => (c.Name, c.Column)).OrderBy(c => c.Name));
        Assert.Empty(await db.DiffToAsync(target));

        // Without the range checks in the target, only they are dropped; the user's checks stay.
        await ApplyAsync(db, Schema(target.Tables[0] with { Checks = [] }));
        Assert.Equal(["pair", "positive"], (await ChecksAsync(db)).Split(" | ").Select(c => c.Split(':')[0]));
    }
}
