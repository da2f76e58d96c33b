using Linq.Migrations.Tests.Infrastructure;
using Linq.Migrations.Tests.LongNames;

namespace Linq.Migrations.Tests;

/// <summary>
/// A generated model's property-level <c>[Unique(Name = "…")]</c> reaches the database under that name (read back from
/// <c>pg_constraint</c> with plain SQL), next to a default-named one, two named ones on one column and a class-level one, and the next diff is empty: the
/// model and a database holding the named constraint agree, which is what a pulled model needs.
/// </summary>
public sealed class UniqueNameMigrationTests
{
    [Fact]
    public async Task A_property_unique_key_is_created_under_its_explicit_name_and_diffs_clean()
    {
        var schema = LongNamesDb.Model.ToSchemaDefinition();
        await using var db = await TestDatabase.CreateAsync();
        await Migrate.ToAsync(db, schema);

        // Every unique constraint of the table with its columns, straight from the catalog.
        var uniques = (await db.ScalarAsync<string[]>("""
            SELECT array_agg(c.conname || '|' || (
                SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum))
            FROM pg_constraint c
            WHERE c.conrelid = 'public.named_unique_accounts'::regclass AND c.contype = 'u'
            """)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["Login Name Unique|login", "custom_email_unique|Email", "named_unique_accounts_Phone_key|Phone",
             "named_unique_accounts_handle_a|Handle", "named_unique_accounts_handle_b|Handle", "named_unique_accounts_region_code_uq|Region,Code"],
            uniques);

        // The constraint enforces what it names: a second row with the same email is refused by the database.
        await db.ExecuteAsync("""INSERT INTO named_unique_accounts ("Email", login, "Phone", "Handle", "Region", "Code") VALUES ('a@x', 'a', '1', 'h1', 'r', 'c1')""");
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.ExecuteAsync("""INSERT INTO named_unique_accounts ("Email", login, "Phone", "Handle", "Region", "Code") VALUES ('a@x', 'b', '2', 'h2', 'r', 'c2')"""));
        Assert.Equal("custom_email_unique", error.ConstraintName);
        var handle = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.ExecuteAsync("""INSERT INTO named_unique_accounts ("Email", login, "Phone", "Handle", "Region", "Code") VALUES ('b@x', 'b', '2', 'h1', 'r', 'c2')"""));
        Assert.StartsWith("named_unique_accounts_handle_", handle.ConstraintName, StringComparison.Ordinal);

        Assert.Empty(await db.DiffToAsync(schema));
    }
}
