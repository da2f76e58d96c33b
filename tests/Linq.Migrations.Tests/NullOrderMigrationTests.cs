using Linq.Migrations.Safety;
using Linq.Migrations.Tests.Infrastructure;
using Linq.Migrations.Tests.LongNames;

namespace Linq.Migrations.Tests;

/// <summary>
/// A generated model indexes its nullable columns NULLS FIRST (the order LINQ sorts them in), read back from
/// <c>pg_get_indexdef</c> with plain SQL; introspection reads the order, and a database whose indexes were created before
/// (PostgreSQL's default order) gets one migration that rebuilds exactly those indexes, says so in its header, keeps the
/// rows, and leaves no drift.
/// </summary>
public sealed class NullOrderMigrationTests
{
    private const string Table = "null_order_articles";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["null_order_articles_PublishedAt_idx"] = "(\"PublishedAt\" NULLS FIRST)",
        ["null_order_articles_Category_Rank_Score_idx"] = "(\"Category\" NULLS FIRST, \"Rank\", \"Score\" NULLS FIRST)",
        ["null_order_articles_Rank_idx"] = "(\"Rank\")",
        ["null_order_articles_score_default"] = "(\"Score\")",
        ["null_order_articles_EditorId_idx"] = "(\"EditorId\" NULLS FIRST)",
    };

    [Fact]
    public async Task Nullable_columns_are_indexed_nulls_first_and_the_next_diff_is_empty()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Migrate.ToAsync(db, LongNamesDb.Model.ToSchemaDefinition());

        Assert.Equal(Expected.OrderBy(p => p.Key, StringComparer.Ordinal), await IndexColumnsAsync(db));
        var read = (await db.IntrospectAsync()).Tables.Single(t => t.Name == Table).Indexes.ToDictionary(i => i.Name, StringComparer.Ordinal);
        Assert.Equal(["Category", "Score"], read["null_order_articles_Category_Rank_Score_idx"].NullsFirstColumns);
        Assert.Empty(read["null_order_articles_score_default"].NullsFirstColumns);
    }

    [Fact]
    public async Task A_database_migrated_before_gets_one_migration_that_rebuilds_those_indexes_and_keeps_its_rows()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = LongNamesDb.Model.ToSchemaDefinition();

        // What earlier versions created: every index with PostgreSQL's default NULL order.
        var old = new SchemaDefinition(model.Enums, model.Tables.Select(t => t with
        {
            Indexes = t.Indexes.Select(i => i with { NullsFirstColumns = [] }).ToList(),
        }).ToList());
        await db.PushAsync(old);
        await db.ExecuteAsync($"""
            INSERT INTO null_order_editors DEFAULT VALUES;
            INSERT INTO {Table} ("PublishedAt", "Category", "Rank", "Score", "EditorId")
            SELECT CASE WHEN g % 3 = 0 THEN NULL ELSE timestamptz '2026-01-01' + g * interval '1 hour' END,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE 'c' || (g % 5) END, g % 7, NULLIF(g % 6, 0), CASE WHEN g % 2 = 0 THEN 1 END
            FROM generate_series(1, 200) g;
            """);

        var operations = await db.DiffToAsync(model);
        var rebuilt = new[] { "null_order_articles_Category_Rank_Score_idx", "null_order_articles_EditorId_idx", "null_order_articles_PublishedAt_idx" };
        Assert.Equal(rebuilt, operations.OfType<DropIndexOperation>().Select(o => o.Index.Name).Order(StringComparer.Ordinal));
        Assert.Equal(rebuilt, operations.OfType<CreateIndexOperation>().Select(o => o.Index.Name).Order(StringComparer.Ordinal));
        Assert.Equal(6, operations.Count);

        // Not destructive (no data is lost), but the header says what the rebuild does to the table meanwhile.
        Assert.DoesNotContain(OperationClassifier.Classify(operations), c => c.IsDestructive);
        var script = MigrationScript.Create(operations);
        Assert.Contains("-- NOTE: 3 indexes are rebuilt (dropped and created again, say for a new NULL order); no data is lost, but DROP INDEX locks the table", script, StringComparison.Ordinal);
        Assert.Contains("--   - create index \"null_order_articles_PublishedAt_idx\" on \"null_order_articles\" (\"PublishedAt\" NULLS FIRST)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX \"null_order_articles_Category_Rank_Score_idx\" ON \"null_order_articles\" (\"Category\" NULLS FIRST, \"Rank\", \"Score\" NULLS FIRST);", script, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", script, StringComparison.Ordinal);

        // Deployed as a migration: nothing left to do afterwards (Migrate checks), the indexes are the model's, the rows stay.
        await Migrate.ToAsync(db, model);
        Assert.Equal(Expected.OrderBy(p => p.Key, StringComparer.Ordinal), await IndexColumnsAsync(db));
        Assert.Equal(200L, await db.ScalarAsync<long>($"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task An_index_whose_null_order_was_changed_by_hand_is_drift_and_a_descending_one_is_left_alone()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = LongNamesDb.Model.ToSchemaDefinition();
        await Migrate.ToAsync(db, model);
        await db.ExecuteAsync($"""
            DROP INDEX "null_order_articles_score_default";
            CREATE INDEX "null_order_articles_score_default" ON {Table} ("Score" NULLS FIRST);
            CREATE INDEX by_hand_desc ON {Table} ("PublishedAt" DESC);
            """);

        // The descending index is not part of the model (it cannot state one): no drop. The changed one is rebuilt.
        var operations = await db.DiffToAsync(model);
        Assert.Equal(
            ["drop index \"null_order_articles_score_default\" on \"null_order_articles\"", "create index \"null_order_articles_score_default\" on \"null_order_articles\" (\"Score\")"],
            operations.Select(o => o.Description));
        await Migrate.ToAsync(db, model);
        Assert.Equal("(\"PublishedAt\" DESC)", (await IndexColumnsAsync(db)).Single(p => p.Key == "by_hand_desc").Value);
    }

    // Each index of the table with its column list as PostgreSQL prints it, straight from the catalog.
    private static async Task<List<KeyValuePair<string, string>>> IndexColumnsAsync(TestDatabase db)
    {
        var rows = await db.ScalarAsync<string[]>($"""
            SELECT array_agg(c.relname || '|' || substring(pg_get_indexdef(i.indexrelid) FROM '\(.*\)$'))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'public.{Table}'::regclass AND NOT i.indisprimary
            """);
        return rows.Select(r => r.Split('|')).Select(p => new KeyValuePair<string, string>(p[0], p[1])).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }
}
