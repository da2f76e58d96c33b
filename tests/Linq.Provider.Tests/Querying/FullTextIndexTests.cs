using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>[FullTextIndex]</c>: the DDL writes the very expression <c>Pg.Matches</c> writes, PostgreSQL's planner uses the
/// index for the generated statement, and the index reads back unchanged (a second push changes nothing).
/// </summary>
public sealed class FullTextIndexTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public void Ddl_creates_gin_expression_indexes()
    {
        var ddl = database.Db.Schema.CreateSql();
        Assert.Contains("CREATE INDEX \"Entry_Title_fts_idx\" ON \"Entry\" USING gin (to_tsvector('english'::regconfig, \"Title\"));", ddl);
        Assert.Contains("CREATE INDEX \"Entry_Body_fts_idx\" ON \"Entry\" USING gin (to_tsvector('simple'::regconfig, \"Body\"));", ddl);
    }

    [Fact]
    public async Task The_index_reads_back_as_declared()
    {
        Assert.Empty(await database.Db.Schema.PushAsync());
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'Entry' AND indexname LIKE '%fts_idx' ORDER BY indexname");
        var definitions = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add(reader.GetString(0));
            }
        }

        Assert.Equal(2, definitions.Count);
        Assert.All(definitions, d => Assert.Contains("USING gin (to_tsvector(", d));
    }

    [Theory]
    [InlineData("Title", "english")]
    [InlineData("Body", "simple")]
    public async Task The_planner_uses_the_index_for_the_generated_statement(string column, string config)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var seed = dataSource.CreateCommand(
            "INSERT INTO \"Rack\" (\"Name\") VALUES ('r') ON CONFLICT DO NOTHING; "
            + "INSERT INTO \"Entry\" (\"RackId\", \"Title\", \"Body\", \"Tags\", \"Scores\", \"Data\") "
            + "SELECT (SELECT min(\"Id\") FROM \"Rack\"), 'title ' || g || ' ' || md5(g::text), 'body ' || md5(g::text), '{}', '{}', '{}' FROM generate_series(1, 5000) g; "
            + "UPDATE \"Entry\" SET \"Title\" = 'a rare fox', \"Body\" = 'a rare fox' WHERE \"Id\" % 1000 = 0; ANALYZE \"Entry\";"))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var sql = column == "Title"
            ? database.Db.Entries.Where(a => Pg.Matches(a.Title, "fox")).Select(a => a.Id).ToSql()
            : database.Db.Entries.Where(a => Pg.Matches(a.Body, "fox")).Select(a => a.Id).ToSql();
        Assert.Contains($"to_tsvector('{config}'::regconfig, \"t0\".\"{column}\")", sql);

        // The statement as the provider sends it: unprepared, with its parameter, so the plan is the one it gets.
        await using var explain = dataSource.CreateCommand("EXPLAIN " + sql);
        explain.Parameters.Add(new NpgsqlParameter { Value = "fox", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains($"Bitmap Index Scan on \"Entry_{column}_fts_idx\"", StringComparison.Ordinal));
        var found = column == "Title"
            ? await database.Db.Entries.CountAsync(a => Pg.Matches(a.Title, "fox"))
            : await database.Db.Entries.CountAsync(a => Pg.Matches(a.Body, "fox"));
        Assert.True(found >= 5, string.Join("\n", plan));
    }
}
