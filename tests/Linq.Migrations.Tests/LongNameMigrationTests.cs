using System.Text;
using Linq.Migrations.Tests.Infrastructure;
using Linq.Migrations.Tests.LongNames;

namespace Linq.Migrations.Tests;

/// <summary>
/// A generated model whose names reach past PostgreSQL's 63 bytes without meeting each other (the generator refuses the
/// ones that would, LINQ064–066) goes through the migration path on a real server: deployed as a migration, every
/// relation and constraint is there under its cut name, read back with plain SQL, and a second diff finds no drift.
/// </summary>
public sealed class LongNameMigrationTests
{
    private static readonly string[] DerivedSuffixes = ["_pkey", "_key", "_idx", "_fts_idx", "_fkey", "_range", "_index"];

    // PostgreSQL's cut, written apart from the differ's: 63 bytes, backed off to the first byte of a UTF-8 character.
    private static string Cut(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length <= 63)
        {
            return name;
        }

        var length = 63;
        while ((bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    private static IEnumerable<string> Relations(TableDefinition table) =>
        table.Uniques.Select(u => u.Name).Concat(table.Indexes.Select(i => i.Name)).Append(table.EffectivePrimaryKeyName).Append(table.Name);

    private static IEnumerable<string> Constraints(TableDefinition table) =>
        table.Uniques.Select(u => u.Name).Concat(table.ForeignKeys.Select(f => f.Name)).Concat(table.Checks.Select(c => c.Name)).Append(table.EffectivePrimaryKeyName);

    private static async Task<List<string>> ListAsync(TestDatabase db, string sql) =>
        [.. (await db.ScalarAsync<string[]>(sql)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_model_with_names_past_63_bytes_migrates_and_then_diffs_clean()
    {
        var schema = LongNamesDb.Model.ToSchemaDefinition();
        var derived = schema.Tables.SelectMany(Relations).Concat(schema.Tables.SelectMany(Constraints)).ToList();
        Assert.All(DerivedSuffixes, suffix => Assert.Contains(derived, n => n.EndsWith(suffix, StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(n) > 63));

        await using var db = await TestDatabase.CreateAsync();
        var applied = await Migrate.ToAsync(db, schema);
        // The long-name models' four tables (the join table included), NamedUniqueAccount's and the two of NullOrder/,
        // which share the project's database.
        Assert.Equal(7, applied.OfType<CreateTableOperation>().Count());

        // Every relation and every constraint of the model, under the name PostgreSQL cut it to, and nothing else.
        var relations = await ListAsync(db, """
            SELECT array_agg(relname::text) FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i') AND relname NOT LIKE '\_linq\_%'
            """);
        Assert.Equal(schema.Tables.SelectMany(Relations).Select(Cut).Order(StringComparer.Ordinal), relations);
        Assert.Contains(relations, r => Encoding.UTF8.GetByteCount(r) == 63);

        var constraints = await ListAsync(db, """
            SELECT array_agg(t.relname || '.' || c.conname) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relnamespace = 'public'::regnamespace AND t.relname NOT LIKE '\_linq\_%'
            """);
        Assert.Equal(schema.Tables.SelectMany(t => Constraints(t).Select(c => Cut(t.Name) + "." + Cut(c))).Order(StringComparer.Ordinal), constraints);

        // A second diff against the database, as the next `migrate dev` makes it: no drift.
        Assert.Empty(await db.DiffToAsync(schema));
    }
}
