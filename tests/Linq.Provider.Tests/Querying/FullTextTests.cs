using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>Pg.Matches</c> and <c>Pg.Rank</c> against statements written by hand and run with plain Npgsql (LINQ-to-Objects
/// has no text search): the same rows, the same order, combined with negation, Include and paging.
/// </summary>
public sealed class FullTextTests(EntryFixture fixture) : IClassFixture<EntryFixture>
{
    private TestDb Db => fixture.Db;

    private async Task<List<int>> IdsAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    [Theory]
    [InlineData("fox")]              // english stems: "Foxes" matches too
    [InlineData("jumping")]          // matches "jumps" and "Jumping"
    [InlineData("database -slowly")] // web search syntax: exclusion
    [InlineData("\"lazy dog\"")]     // phrase
    public async Task Matches_uses_the_index_configuration(string search)
    {
        var actual = await Db.Entries.Where(a => Pg.Matches(a.Title, search)).Select(a => a.Id).ToListAsync();
        var expected = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('english', \"Title\") @@ websearch_to_tsquery('english', $1)", search);
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < fixture.Entries.Count);
        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public async Task English_stemming_finds_other_forms_and_simple_does_not()
    {
        var english = await Db.Entries.Where(a => Pg.Matches(a.Title, "fox")).Select(a => a.Title).Distinct().ToListAsync();
        Assert.Equal(["Foxes and hounds", "The quick brown fox jumps"], english.Order());
        var simple = await Db.Entries.Where(a => Pg.Matches(a.Title, "fox", "simple")).Select(a => a.Title).Distinct().ToListAsync();
        Assert.Equal(["The quick brown fox jumps"], simple);
    }

    [Fact]
    public async Task Nullable_text_never_matches_and_negation_keeps_it()
    {
        var actual = await Db.Entries.Where(a => Pg.Matches(a.Body, "database")).Select(a => a.Id).ToListAsync();
        var expected = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('simple', \"Body\") @@ websearch_to_tsquery('simple', $1)", "database");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), actual.Order());

        var negated = await Db.Entries.Where(a => !Pg.Matches(a.Body, "database")).Select(a => a.Id).ToListAsync();
        var all = fixture.Entries.Select(a => a.Id).ToList();
        Assert.Equal(all.Except(expected).Order(), negated.Order());
        Assert.Contains(fixture.Entries.Where(a => a.Body is null), a => negated.Contains(a.Id));
    }

    [Fact]
    public async Task Explicit_configuration_is_a_parameter()
    {
        var config = "english";
        var actual = await Db.Entries.Where(a => Pg.Matches(a.Body, "runs", config)).Select(a => a.Id).ToListAsync();
        var expected = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('english', \"Body\") @@ websearch_to_tsquery('english', $1)", "runs");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), actual.Order());
        Assert.DoesNotContain("english", Db.Entries.Where(a => Pg.Matches(a.Body, "runs", config)).ToSql());
    }

    [Fact]
    public async Task Rank_orders_and_projects()
    {
        var search = "database running";
        var actual = await Db.Entries.Where(a => Pg.Matches(a.Title, "database | running")).OrderByDescending(a => Pg.Rank(a.Title, search)).ThenBy(a => a.Id)
            .Select(a => new { a.Id, Rank = Pg.Rank(a.Body, search) }).ToListAsync();
        var order = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('english', \"Title\") @@ websearch_to_tsquery('english', $1) "
            + "ORDER BY ts_rank(to_tsvector('english', \"Title\"), websearch_to_tsquery('english', $2)) DESC, \"Id\"", "database | running", search);
        Assert.True(order.Count > 1);
        Assert.Equal(order, actual.Select(a => a.Id));

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT \"Id\", COALESCE(ts_rank(to_tsvector('simple', \"Body\"), websearch_to_tsquery('simple', $1)), 0) FROM \"Entry\"");
        command.Parameters.Add(new NpgsqlParameter { Value = search });
        var ranks = new Dictionary<int, float>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ranks[reader.GetInt32(0)] = reader.GetFloat(1);
            }
        }

        Assert.All(actual, a => Assert.Equal(ranks[a.Id], a.Rank));
        Assert.Contains(actual, a => a.Rank > 0);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Combined_with_include_nested_select_and_paging(LoadStrategy strategy)
    {
        var page = await Db.Entries.Include(a => a.Rack, strategy).Where(a => Pg.Matches(a.Body, "and")).OrderBy(a => a.Id).Skip(1).Take(3).ToListAsync();
        var matching = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('simple', \"Body\") @@ websearch_to_tsquery('simple', 'and') ORDER BY \"Id\"");
        Assert.True(matching.Count > 4);
        Assert.Equal(matching.Skip(1).Take(3), page.Select(a => a.Id));
        Assert.All(page, a => Assert.Equal(fixture.Entries.Single(e => e.Id == a.Id).Rack!.Name, a.Rack!.Name));

        var racks = await Db.Racks.Include(r => r.Entries.Where(a => Pg.Matches(a.Title, "fox")), strategy).OrderBy(r => r.Id).ToListAsync();
        var foxes = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE to_tsvector('english', \"Title\") @@ websearch_to_tsquery('english', 'fox')");
        Assert.Equal(foxes.Order(), racks.SelectMany(r => r.Entries).Select(a => a.Id).Order());

        var nested = await Db.Racks.OrderBy(r => r.Id)
            .Select(r => new { r.Id, Best = r.Entries.OrderByDescending(a => Pg.Rank(a.Title, "fox")).ThenBy(a => a.Id).Select(a => a.Id).Take(1).ToList() }).ToListAsync();
        foreach (var rack in nested)
        {
            var best = await IdsAsync("SELECT \"Id\" FROM \"Entry\" WHERE \"RackId\" = $1 ORDER BY ts_rank(to_tsvector('english', \"Title\"), websearch_to_tsquery('english', 'fox')) DESC, \"Id\" LIMIT 1", rack.Id);
            Assert.Equal(best, rack.Best);
        }
    }

    [Fact]
    public void Outside_a_query_the_helpers_throw_and_null_queries_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Pg.Matches("text", "query"));
        Assert.Throws<InvalidOperationException>(() => Pg.Rank("text", "query"));
        string? nothing = null;
        Assert.Throws<QueryTranslationException>(() => Db.Entries.Where(a => Pg.Matches(a.Title, nothing!)).ToSql());
    }
}
