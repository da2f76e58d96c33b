using Linq.Migrations.Tests.Infrastructure;
using Linq.Sql.Schema;

namespace Linq.Migrations.Tests;

/// <summary>
/// PostgreSQL's CREATE TABLE folds unique constraints over the same columns (as the primary key or an earlier unique)
/// into one, keeping one name. A model may hold several (two named <c>[Unique]</c> on one property, a named one on the
/// sole key), so both the full create script and a migration from nothing must create each: read back from
/// <c>pg_constraint</c>, and the next diff is empty.
/// </summary>
public sealed class FoldedUniqueTests
{
    private static SchemaDefinition Schema() => new([],
    [
        new TableDefinition("folded",
            [new ColumnDefinition("id", "integer", false), new ColumnDefinition("email", "text", false), new ColumnDefinition("code", "text", false)],
            ["id"],
            [
                new UniqueConstraintDefinition("folded_id_also", ["id"]),
                new UniqueConstraintDefinition("folded_email_a", ["email"]),
                new UniqueConstraintDefinition("folded_code_key", ["code"]),
                new UniqueConstraintDefinition("folded_email_b", ["email"]),
            ],
            [], []),
    ]);

    private static async Task<List<string>> KeysAsync(TestDatabase db) =>
    [
        .. (await db.ScalarAsync<string[]>("""
            SELECT array_agg(c.conname || '|' || c.contype::text || '|' || (
                SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum))
            FROM pg_constraint c WHERE c.conrelid = 'public.folded'::regclass
            """)).Order(StringComparer.Ordinal),
    ];

    private static readonly string[] Expected =
        ["folded_code_key|u|code", "folded_email_a|u|email", "folded_email_b|u|email", "folded_id_also|u|id", "folded_pkey|p|id"];

    [Fact]
    public async Task The_create_script_creates_every_key_over_shared_columns()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema());

        Assert.Equal(Expected, await KeysAsync(db));
        Assert.Empty(await db.DiffToAsync(Schema()));
    }

    [Fact]
    public async Task A_migration_from_nothing_creates_every_key_over_shared_columns()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Migrate.ToAsync(db, Schema());

        Assert.Equal(Expected, await KeysAsync(db));
        Assert.Empty(await db.DiffToAsync(Schema()));

        // Each is enforced on its own: dropping one still leaves the other refusing a duplicate email.
        await db.ExecuteAsync("ALTER TABLE folded DROP CONSTRAINT folded_email_a; INSERT INTO folded VALUES (1, 'a@x', 'c1')");
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync("INSERT INTO folded VALUES (2, 'a@x', 'c2')"));
        Assert.Equal("folded_email_b", error.ConstraintName);
    }
}
