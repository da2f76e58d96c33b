using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// A read-only [View] model over a real view ("article_stats", created with the test schema): filters, ordering, paging,
/// FindUnique, includes from the view to a table and from a table to the view with both load strategies, and the schema
/// tools leaving the view alone. Expectations come from the view read with plain Npgsql.
/// </summary>
public sealed class ViewTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Prefix = "vw";
    private List<(int ArticleId, string Title, long LabelCount, int? TopWeight)> _rows = [];

    public static TheoryData<LoadStrategy> Strategies => [LoadStrategy.Join, LoadStrategy.Query];

    public async Task InitializeAsync()
    {
        if (await fixture.Db.Articles.CountAsync(a => a.Title.StartsWith(Prefix + "-")) == 0)
        {
            await ManyToManySeed.WriteAsync(fixture.ConnectionString, Prefix);
        }

        _rows = [];
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"ArticleId\", \"Title\", \"LabelCount\", \"TopWeight\" FROM article_stats WHERE \"Title\" LIKE 'vw-%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }

        Assert.Equal(15, _rows.Count);
        Assert.Contains(_rows, r => r.TopWeight is null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<ArticleStat> Stats => fixture.Db.ArticleStats.Where(s => s.Title.StartsWith(Prefix + "-"));

    private static IQueryable<T> With<T>(IQueryable<T> query, LoadStrategy strategy) => strategy == LoadStrategy.Join ? query : query.RelationLoadStrategy(strategy);

    [Fact]
    public async Task A_view_is_filtered_ordered_and_paged_like_a_table()
    {
        var rows = await Stats.Where(s => s.LabelCount > 1 && s.TopWeight > 3).OrderByDescending(s => s.LabelCount).ThenBy(s => s.ArticleId).Skip(1).Take(4).ToListAsync();
        var expected = _rows.Where(r => r.LabelCount > 1 && r.TopWeight > 3).OrderByDescending(r => r.LabelCount).ThenBy(r => r.ArticleId).Skip(1).Take(4);
        Assert.Equal(expected.Select(r => $"{r.ArticleId}|{r.Title}|{r.LabelCount}|{r.TopWeight}"), rows.Select(r => $"{r.ArticleId}|{r.Title}|{r.LabelCount}|{r.TopWeight}"));
        Assert.NotEmpty(rows);

        var noWeight = await Stats.Where(s => s.TopWeight == null).OrderBy(s => s.Title).Select(s => s.ArticleId).ToListAsync();
        Assert.Equal(_rows.Where(r => r.TopWeight == null).OrderBy(r => r.Title, StringComparer.Ordinal).Select(r => r.ArticleId), noWeight);

        var one = _rows[3];
        var found = await fixture.Db.ArticleStats.FindUniqueAsync(s => s.ArticleId == one.ArticleId);
        Assert.Equal(one.Title, found!.Title);
        Assert.Equal(_rows.Sum(r => r.LabelCount), await Stats.SumAsync(s => s.LabelCount));
    }

    [Fact]
    public async Task Keyset_paging_walks_a_view()
    {
        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var page = await Stats.OrderByDescending(s => s.LabelCount).ToPageAsync(4, cursor);
            seen.AddRange(page.Items.Select(s => s.ArticleId));
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < 100);

        // The key ([Id]) breaks ties, ascending.
        Assert.Equal(_rows.OrderByDescending(r => r.LabelCount).ThenBy(r => r.ArticleId).Select(r => r.ArticleId), seen);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Includes_go_from_the_view_to_tables_and_from_a_table_to_the_view(LoadStrategy strategy)
    {
        var stats = await With(Stats.Include(s => s.Article).ThenInclude(a => a!.Labels).OrderBy(s => s.ArticleId), strategy).ToListAsync();
        var labelCounts = await LinkCountsAsync();
        Assert.Equal(_rows.OrderBy(r => r.ArticleId).Select(r => $"{r.ArticleId}={r.ArticleId}:{r.Title}:{labelCounts.GetValueOrDefault(r.ArticleId)}"),
            stats.Select(s => $"{s.ArticleId}={s.Article!.Id}:{s.Article.Title}:{s.Article.Labels.Count}"));

        var articles = await With(fixture.Db.Articles.Where(a => a.Title.StartsWith(Prefix + "-") && a.Stat!.LabelCount >= 2).Include(a => a.Stat).OrderBy(a => a.Title), strategy)
            .ToListAsync();
        Assert.Equal(_rows.Where(r => r.LabelCount >= 2).OrderBy(r => r.Title, StringComparer.Ordinal).Select(r => $"{r.ArticleId}:{r.LabelCount}:{r.TopWeight}"),
            articles.Select(a => $"{a.Id}:{a.Stat!.LabelCount}:{a.Stat.TopWeight}"));
    }

    [Fact]
    public async Task A_projection_reads_the_view_and_its_relation()
    {
        var rows = await Stats.OrderBy(s => s.ArticleId).Select(s => new { s.ArticleId, s.Article!.Rank, Labels = s.Article.Labels.Count() }).ToListAsync();
        var labelCounts = await LinkCountsAsync();
        Assert.Equal(_rows.OrderBy(r => r.ArticleId).Select(r => $"{r.ArticleId}:{r.LabelCount}"), rows.Select(r => $"{r.ArticleId}:{r.Labels}"));
        Assert.Equal(labelCounts.Count(c => _rows.Any(r => r.ArticleId == c.Key && c.Value > 0)), rows.Count(r => r.Labels > 0));
    }

    [Fact]
    public async Task The_schema_tools_neither_create_nor_drop_the_view()
    {
        Assert.DoesNotContain(fixture.Db.Schema.Definition.Tables, t => t.Name == "article_stats");
        Assert.DoesNotContain("article_stats", fixture.Db.Schema.CreateSql(), StringComparison.Ordinal);

        // Pushing the model again over a database holding the view changes nothing, and the view is still there.
        var operations = await fixture.Db.Schema.PushAsync();
        Assert.Empty(operations);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM pg_views WHERE viewname = 'article_stats'"));
        Assert.Equal(15, await Stats.CountAsync());
    }

    [Fact]
    public async Task The_join_table_has_its_key_cascading_foreign_keys_and_an_index()
    {
        Assert.Equal(1L, await ScalarAsync("""
            SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = '_ArticleToLabel' AND c.contype = 'p' AND c.conname = '_ArticleToLabel_AB_pkey'
            """));
        Assert.Equal(2L, await ScalarAsync("""
            SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = '_ArticleToLabel' AND c.contype = 'f' AND c.confdeltype = 'c'
            """));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = '_ArticleToLabel' AND indexname = '_ArticleToLabel_B_index'"));
        Assert.Contains("CREATE TABLE \"_ArticleToLabel\"", fixture.Db.Schema.CreateSql(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_of_a_view_model_obtained_by_hand_refuses_writes_before_any_SQL()
    {
        // PostgreSQL would carry out a DELETE on a simple view against its table; the runtime refuses it first.
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.ArticleStatsAsTable.DeleteManyAsync(s => s.ArticleId > 0));
        Assert.Contains("is a [View] model", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.ArticleStatsAsTable.DeleteAsync(s => s.ArticleId == 1));
        Assert.Equal(0, counter.Count);
        Assert.Equal(15, await Stats.CountAsync());
    }

    public static TheoryData<string> SqlCases => [.. Snapshots().Keys];

    [Theory]
    [MemberData(nameof(SqlCases))]
    public void Sql_is_as_recorded(string name)
    {
        var (query, expected) = Snapshots()[name];
        Assert.Equal(expected, query(fixture.Db));
    }

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Snapshots() => new()
    {
        ["view-where"] = (db => db.ArticleStats.Where(s => s.TopWeight > 3).OrderBy(s => s.LabelCount).Take(2).ToSql(),
            "SELECT \"t0\".\"ArticleId\", \"t0\".\"Title\", \"t0\".\"LabelCount\", \"t0\".\"TopWeight\" FROM \"article_stats\" AS \"t0\" WHERE \"t0\".\"TopWeight\" > $1 ORDER BY \"t0\".\"LabelCount\" LIMIT $2"),
        ["view-include-table"] = (db => db.ArticleStats.Include(s => s.Article).ToSql(),
            "SELECT \"t0\".\"ArticleId\", \"t0\".\"Title\", \"t0\".\"LabelCount\", \"t0\".\"TopWeight\", \"t2\".\"value\" FROM \"article_stats\" AS \"t0\" LEFT JOIN LATERAL (SELECT json_build_array(\"t1\".\"Id\", \"t1\".\"Title\", \"t1\".\"Rank\") AS \"value\" FROM \"Article\" AS \"t1\" WHERE \"t1\".\"Id\" = \"t0\".\"ArticleId\") AS \"t2\" ON TRUE"),
        ["table-include-view"] = (db => db.Articles.Include(a => a.Stat).ToSql(),
            "SELECT \"t0\".\"Id\", \"t0\".\"Title\", \"t0\".\"Rank\", \"t2\".\"value\" FROM \"Article\" AS \"t0\" LEFT JOIN LATERAL (SELECT json_build_array(\"t1\".\"ArticleId\", \"t1\".\"Title\", \"t1\".\"LabelCount\", \"t1\".\"TopWeight\") AS \"value\" FROM \"article_stats\" AS \"t1\" WHERE \"t1\".\"ArticleId\" = \"t0\".\"Id\") AS \"t2\" ON TRUE"),
    };

    private async Task<Dictionary<int, int>> LinkCountsAsync()
    {
        var counts = new Dictionary<int, int>();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"A\", count(*)::integer FROM \"_ArticleToLabel\" GROUP BY \"A\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
