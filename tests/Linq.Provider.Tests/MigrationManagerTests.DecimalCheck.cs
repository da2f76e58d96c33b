using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Migrations.Safety;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;
using Npgsql;

namespace Linq.Provider.Tests;

public sealed partial class MigrationManagerTests
{
    /// <summary>
    /// A database migrated by an older version has the magnitude-only range check: the client does not trust it (the
    /// guard stays, and refuses a result with too many digits), the diff sees it as drift, the migration written from that
    /// diff replaces it (drop, add NOT VALID, validate) when deployed, and a new client then leaves the guard out because
    /// the database refuses such a result itself.
    /// </summary>
    [Fact]
    public async Task The_old_magnitude_check_keeps_the_guard_until_a_deployed_migration_replaces_it()
    {
        await using var scope = await EmptyDatabase.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "linq_mm_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var pusher = new TestDb(scope.ConnectionString))
            {
                await pusher.Schema.PushAsync();
            }

            var old = new CheckConstraintDefinition("Account_Balance_range", "Balance", CheckConstraintKind.DecimalMagnitude);
            await scope.ExecuteAsync($"""
                ALTER TABLE "Account" DROP CONSTRAINT "Account_Balance_range";
                ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK ({old.Condition});
                INSERT INTO "Account" ("Email", "Balance") VALUES ('near@max.io', 79228162514264337593543950001), ('small@max.io', 1.5);
                """);

            // The old form: the guard stays and refuses what the check would let through.
            await using (var before = new TestDb(scope.ConnectionString))
            {
                using var sent = new RoundTripCounter(scope.ConnectionString);
                var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => before.Accounts.UpdateAsync(a => a.Email == "near@max.io", new() { Balance = Op.Increment(0.5m) }));
                Assert.Equal(("P2020", "22003"), (error.Code, error.PostgresError!.SqlState));
                Assert.Contains("CASE WHEN", Assert.Single(sent.Statements, s => s.StartsWith("UPDATE", StringComparison.Ordinal)), StringComparison.Ordinal);
            }

            // The diff sees the old form as drift: drop it, add the new one.
            await using var source = NpgsqlDataSource.Create(scope.ConnectionString);
            await using var model = new TestDb(scope.ConnectionString);
            var current = await SchemaIntrospector.IntrospectAsync(source);
            Assert.Contains(current.Tables.Single(t => t.Name == "Account").Checks, c => c == old);
            var operations = SchemaDiffer.Diff(current, model.Schema.Definition);
            Assert.Equal(
                [(typeof(DropCheckConstraintOperation), CheckConstraintKind.DecimalMagnitude), (typeof(AddCheckConstraintOperation), CheckConstraintKind.DecimalRange)],
                operations.Select(o => o switch
                {
                    DropCheckConstraintOperation d => (o.GetType(), d.Check.Kind),
                    AddCheckConstraintOperation a => (o.GetType(), a.Check.Kind),
                    _ => (o.GetType(), (CheckConstraintKind)(-1)),
                }));
            IReadOnlyList<ClassifiedOperation> review;
            await using (var connection = await source.OpenConnectionAsync())
            {
                review = await DestructiveChangeChecker.CheckAsync(connection, operations);
            }

            Assert.Equal(OperationSafety.Safe, review[0].Safety);
            Assert.Equal((OperationSafety.Destructive, 0L), (review[1].Safety, review[1].AffectedRows));
            Assert.Contains("WHERE NOT (", review[1].Warning, StringComparison.Ordinal);

            Write(folder, "20260101000000_decimal_digits", Linq.Migrations.MigrationScript.Create(operations, review));
            await using (var deployer = new TestDb(new LinqDatabaseOptions { MigrationsDirectory = folder }.UseNpgsql(scope.ConnectionString)))
            {
                Assert.Equal(["20260101000000_decimal_digits"], (await deployer.Migrations.DeployAsync()).Applied);
            }

            Assert.Equal("true", await scope.ScalarAsync<string>("""
                SELECT convalidated::text FROM pg_constraint WHERE conname = 'Account_Balance_range' AND pg_get_constraintdef(oid) LIKE '%scale(%'
                """));
            Assert.Empty(SchemaDiffer.Diff(await SchemaIntrospector.IntrospectAsync(source), model.Schema.Definition));

            // A new client learns the new check: no guard, and the check refuses the same result (23514, the same typed error).
            await using (var after = new TestDb(scope.ConnectionString))
            {
                using var sent = new RoundTripCounter(scope.ConnectionString);
                var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => after.Accounts.UpdateAsync(a => a.Email == "near@max.io", new() { Balance = Op.Increment(0.5m) }));
                Assert.Equal(("P2020", "23514"), (error.Code, error.PostgresError!.SqlState));
                var fine = await after.Accounts.UpdateAsync(a => a.Email == "small@max.io", new() { Balance = Op.Decrement(0.25m) });
                Assert.Equal(1.25m, fine.Balance);
                Assert.All(sent.Statements.Where(s => s.StartsWith("UPDATE", StringComparison.Ordinal)), s => Assert.DoesNotContain("CASE", s, StringComparison.Ordinal));
            }

            Assert.Equal("79228162514264337593543950001", await scope.ScalarAsync<string>("SELECT \"Balance\"::text FROM \"Account\" WHERE \"Email\" = 'near@max.io'"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
