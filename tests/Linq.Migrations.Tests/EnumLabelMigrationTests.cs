using Linq.Migrations.Safety;
using Linq.Migrations.Tests.Infrastructure;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

/// <summary>
/// Enum labels that are no C# names (a <c>[DbEnum]</c> member's <c>[Map("label")]</c>) through migrations: created and
/// added as quoted literals, and a changed label, which the differ sees as one label dropped and another added,
/// never loses a row: the checker counts the rows holding the old label, push refuses without consent, and with it
/// the rebuild fails on those rows and rolls back. Renaming in place is a hand-written <c>RENAME VALUE</c>.
/// </summary>
public sealed class EnumLabelMigrationTests
{
    private static TableDefinition Films(string type) =>
        Table("film", [Col("Id", "integer", identity: true), Col("Rating", type), Col("Allowed", type + "[]", nullable: true)], primaryKey: ["Id"]);

    [Fact]
    public async Task Labels_with_quotes_spaces_dashes_and_backslashes_are_created_and_added_as_literals()
    {
        await using var db = await TestDatabase.CreateAsync();
        string[] first = ["G", "PG-13", "it's", "in progress"];
        await Migrate.ToAsync(db, Schema([new EnumTypeDefinition("mpaa rating", first)], Films("\"mpaa rating\"")));
        await db.ExecuteAsync("""INSERT INTO film ("Rating", "Allowed") VALUES ('it''s', '{"in progress","PG-13"}'), ('PG-13', NULL)""");
        Assert.Equal(first, await Labels(db));

        // New labels between and after the old ones: ALTER TYPE … ADD VALUE with each label (and its neighbour) quoted.
        string[] second = ["G", "a \"quoted\" one", "PG-13", "it's", "won't", "in progress", @"back\slash", "2fa"];
        var added = await Migrate.ToAsync(db, Schema([new EnumTypeDefinition("mpaa rating", second)], Films("\"mpaa rating\"")));
        Assert.All(added, o => Assert.IsType<AddEnumValueOperation>(o));
        Assert.Equal(4, added.Count);
        Assert.Contains("ADD VALUE 'won''t' AFTER 'it''s'", DdlRenderer.Script(added), StringComparison.Ordinal);
        Assert.Equal(second, await Labels(db));
        Assert.Equal("it's|PG-13", await db.ScalarAsync<string>("""SELECT string_agg("Rating"::text, '|' ORDER BY "Id") FROM film"""));
    }

    [Fact]
    public async Task A_changed_label_is_destructive_refused_without_consent_and_rolled_back_while_rows_hold_the_old_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        var before = Schema([new EnumTypeDefinition("mpaa_rating", ["G", "PG-13", "R"])], Films("\"mpaa_rating\""));
        await db.PushAsync(before);
        await db.ExecuteAsync("""INSERT INTO film ("Rating", "Allowed") VALUES ('PG-13', '{G}'), ('G', '{PG-13}'), ('R', NULL)""");

        // [Map("PG-13")] Pg13 became [Map("PG13")] Pg13: to the schema, 'PG-13' is dropped and 'PG13' added.
        var after = Schema([new EnumTypeDefinition("mpaa_rating", ["G", "PG13", "R"])], Films("\"mpaa_rating\""));
        var operations = await db.DiffToAsync(after);
        var rebuild = Assert.IsType<RebuildEnumOperation>(Assert.Single(operations));
        Assert.Equal(["PG-13"], rebuild.RemovedLabels);
        Assert.Equal(["PG13"], rebuild.AddedLabels);

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            var review = Assert.Single(await DestructiveChangeChecker.CheckAsync(connection, operations));
            Assert.Equal((OperationSafety.Destructive, 2L, "rows holding a dropped label"), (review.Safety, review.AffectedRows, review.AffectedRowsMeaning));
        }

        await Assert.ThrowsAsync<DataLossException>(() => SchemaPush.PushAsync(db.DataSource, after));
        await Assert.ThrowsAnyAsync<Exception>(() => SchemaPush.PushAsync(db.DataSource, after, acceptDataLoss: true));
        Assert.Equal(["G", "PG-13", "R"], await Labels(db, "mpaa_rating"));
        Assert.Equal("PG-13 {G}|G {PG-13}|R ", await db.ScalarAsync<string>("""SELECT string_agg("Rating"::text || ' ' || coalesce("Allowed"::text, ''), '|' ORDER BY "Id") FROM film"""));

        // The documented way to rename a label in place: edit the migration to RENAME VALUE; rows follow the label.
        await db.ExecuteAsync("ALTER TYPE mpaa_rating RENAME VALUE 'PG-13' TO 'PG13'");
        await db.DataSource.ReloadTypesAsync();
        Assert.Empty(await db.DiffToAsync(after));
        Assert.Equal("PG13 {G}|G {PG13}|R ", await db.ScalarAsync<string>("""SELECT string_agg("Rating"::text || ' ' || coalesce("Allowed"::text, ''), '|' ORDER BY "Id") FROM film"""));
    }

    private static async Task<List<string>> Labels(TestDatabase db, string type = "\"mpaa rating\"")
    {
        await using var command = db.DataSource.CreateCommand($"SELECT enumlabel FROM pg_enum WHERE enumtypid = '{type}'::regtype ORDER BY enumsortorder");
        await using var reader = await command.ExecuteReaderAsync();
        var labels = new List<string>();
        while (await reader.ReadAsync())
        {
            labels.Add(reader.GetString(0));
        }

        return labels;
    }
}
