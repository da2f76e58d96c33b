using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// Reading an implicit many-to-many relation (Article.Labels ↔ Label.Articles over "_ArticleToLabel"): Include in both
/// directions with both load strategies, ThenInclude through it, filtered includes with paging, nested Select, relation
/// filters (Any/All/Count) in Where and OrderBy, keyset paging, and a named self-relation. Every expectation is LINQ-to-Objects
/// over rows read with plain Npgsql.
/// </summary>
public sealed class ManyToManyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Prefix = "mm";
    private ManyToManySeed _seed = new();

    public static TheoryData<LoadStrategy> Strategies => [LoadStrategy.Join, LoadStrategy.Query];

    public async Task InitializeAsync()
    {
        if (await fixture.Db.Articles.CountAsync(a => a.Title.StartsWith(Prefix + "-")) == 0)
        {
            await ManyToManySeed.WriteAsync(fixture.ConnectionString, Prefix);
        }

        _seed = await ManyToManySeed.ReadAsync(fixture.ConnectionString, Prefix);
        Assert.Contains(_seed.Articles, a => !_seed.LabelsOf(a.Id).Any());
        Assert.Contains(_seed.Articles, a => _seed.LabelsOf(a.Id).Count() > 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<Article> Articles => fixture.Db.Articles.Where(a => a.Title.StartsWith(Prefix + "-"));

    private static IQueryable<T> With<T>(IQueryable<T> query, LoadStrategy strategy) => strategy == LoadStrategy.Join ? query : query.RelationLoadStrategy(strategy);

    private static string Row(int id, string title, IEnumerable<int> labels) => $"{id}|{title}|[{string.Join(",", labels)}]";

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Include_loads_the_linked_rows_in_both_directions(LoadStrategy strategy)
    {
        var articles = await With(Articles.Include(a => a.Labels).OrderBy(a => a.Id), strategy).ToListAsync();
        var expected = _seed.Articles.OrderBy(a => a.Id).Select(a => Row(a.Id, a.Title, _seed.LabelsOf(a.Id).Select(l => l.Id).Order()));
        Assert.Equal(expected, articles.Select(a => Row(a.Id, a.Title, a.Labels.Select(l => l.Id))));

        var labels = await With(fixture.Db.Labels.Where(l => l.Name.StartsWith(Prefix + "-")).Include(l => l.Articles).OrderBy(l => l.Name), strategy).ToListAsync();
        var expectedLabels = _seed.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => Row(l.Id, l.Name, _seed.ArticlesOf(l.Id).Select(a => a.Id).Order()));
        Assert.Equal(expectedLabels, labels.Select(l => Row(l.Id, l.Name, l.Articles.Select(a => a.Id))));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task ThenInclude_goes_through_the_relation_and_back(LoadStrategy strategy)
    {
        var articles = await With(Articles.Include(a => a.Labels).ThenInclude(l => l.Articles).OrderByDescending(a => a.Id), strategy).ToListAsync();
        var expected = _seed.Articles.OrderByDescending(a => a.Id).Select(a =>
            $"{a.Id}:" + string.Join(";", _seed.LabelsOf(a.Id).OrderBy(l => l.Id).Select(l => Row(l.Id, l.Name, _seed.ArticlesOf(l.Id).Select(x => x.Id).Order()))));
        Assert.Equal(expected, articles.Select(a => $"{a.Id}:" + string.Join(";", a.Labels.Select(l => Row(l.Id, l.Name, l.Articles.Select(x => x.Id))))));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_filtered_include_with_paging_picks_each_parents_own_page(LoadStrategy strategy)
    {
        // Nullable Weight: labels without one fail the filter, as in LINQ-to-Objects. Labels are shared between articles,
        // so each article's page is its own (per parent), not a page over all pairs.
        var articles = await With(Articles.Include(a => a.Labels.Where(l => l.Weight > 2).OrderByDescending(l => l.Name).Skip(1).Take(2)).OrderBy(a => a.Id), strategy)
            .ToListAsync();
        var expected = _seed.Articles.OrderBy(a => a.Id).Select(a => Row(a.Id, a.Title,
            _seed.LabelsOf(a.Id).Where(l => l.Weight > 2).OrderByDescending(l => l.Name, StringComparer.Ordinal).Skip(1).Take(2).Select(l => l.Id)));
        Assert.Equal(expected, articles.Select(a => Row(a.Id, a.Title, a.Labels.Select(l => l.Id))));
        Assert.Contains(articles, a => a.Labels.Count == 2);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_nested_select_reads_the_linked_rows(LoadStrategy strategy)
    {
        var rows = await With(Articles.OrderBy(a => a.Title), strategy).Select(a => new
        {
            a.Id,
            Names = a.Labels.OrderBy(l => l.Name).Select(l => l.Name).ToList(),
            Weighted = a.Labels.Count(l => l.Weight != null),
            Heaviest = a.Labels.Max(l => l.Weight),
        }).ToListAsync();
        var expected = _seed.Articles.OrderBy(a => a.Title, StringComparer.Ordinal).Select(a => new
        {
            a.Id,
            Names = _seed.LabelsOf(a.Id).Select(l => l.Name).Order(StringComparer.Ordinal).ToList(),
            Weighted = _seed.LabelsOf(a.Id).Count(l => l.Weight != null),
            Heaviest = _seed.LabelsOf(a.Id).Max(l => l.Weight),
        }).ToList();
        Assert.Equal(expected.Select(e => $"{e.Id}|{string.Join(",", e.Names)}|{e.Weighted}|{e.Heaviest}"),
            rows.Select(r => $"{r.Id}|{string.Join(",", r.Names)}|{r.Weighted}|{r.Heaviest}"));
    }

    [Fact]
    public async Task Relation_filters_Any_All_and_Count_in_Where_and_OrderBy()
    {
        async Task Check(System.Linq.Expressions.Expression<Func<Article, bool>> predicate, Func<(int Id, string Title, int? Rank), bool> expected)
        {
            var ids = await Articles.Where(predicate).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            Assert.Equal(_seed.Articles.Where(expected).Select(a => a.Id).Order(), ids);
        }

        await Check(a => a.Labels.Any(), a => _seed.LabelsOf(a.Id).Any());
        await Check(a => !a.Labels.Any(), a => !_seed.LabelsOf(a.Id).Any());
        await Check(a => a.Labels.Any(l => l.Weight > 6), a => _seed.LabelsOf(a.Id).Any(l => l.Weight > 6));
        await Check(a => a.Labels.All(l => l.Weight > 2), a => _seed.LabelsOf(a.Id).All(l => l.Weight > 2));
        await Check(a => a.Labels.All(l => l.Weight != null), a => _seed.LabelsOf(a.Id).All(l => l.Weight != null));
        await Check(a => a.Labels.Count() >= 3, a => _seed.LabelsOf(a.Id).Count() >= 3);
        await Check(a => a.Labels.Count(l => l.Name.EndsWith("5")) == 1, a => _seed.LabelsOf(a.Id).Count(l => l.Name.EndsWith('5')) == 1);

        var labels = await fixture.Db.Labels.Where(l => l.Name.StartsWith(Prefix + "-") && l.Articles.Any(a => a.Rank == null)).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        Assert.Equal(_seed.Labels.Where(l => _seed.ArticlesOf(l.Id).Any(a => a.Rank == null)).Select(l => l.Id).Order(), labels);

        var ordered = await Articles.OrderByDescending(a => a.Labels.Count()).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(_seed.Articles.OrderByDescending(a => _seed.LabelsOf(a.Id).Count()).ThenBy(a => a.Id).Select(a => a.Id), ordered);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Keyset_pages_carry_their_linked_rows(LoadStrategy strategy)
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await With(Articles.Where(a => a.Labels.Any(l => l.Weight != null)).OrderByDescending(a => a.Title).Include(a => a.Labels.OrderBy(l => l.Name)), strategy)
                .ToPageAsync(4, cursor);
            seen.AddRange(page.Items.Select(a => Row(a.Id, a.Title, a.Labels.Select(l => l.Id))));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        var expected = _seed.Articles.Where(a => _seed.LabelsOf(a.Id).Any(l => l.Weight != null))
            .OrderByDescending(a => a.Title, StringComparer.Ordinal)
            .Select(a => Row(a.Id, a.Title, _seed.LabelsOf(a.Id).OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Id)));
        Assert.Equal(expected, seen);
        Assert.True(pages > 2);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_named_self_relation_keeps_its_two_directions_apart(LoadStrategy strategy)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var handles = Enumerable.Range(0, 5).Select(i => $"{tag}-{i}").ToList();
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var handle in handles)
            {
                await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO \"Member\" (\"Handle\") VALUES ($1)", connection);
                insert.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = handle });
                await insert.ExecuteNonQueryAsync();
            }

            // ("A", "B"): B is among A's followers, so A is among B's following.
            foreach (var (a, b) in new[] { (0, 1), (0, 2), (1, 2), (3, 0) })
            {
                await using var link = new Npgsql.NpgsqlCommand("INSERT INTO \"Follows\" (\"A\", \"B\") VALUES ($1, $2)", connection);
                link.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = handles[a] });
                link.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = handles[b] });
                await link.ExecuteNonQueryAsync();
            }
        }

        var members = await With(fixture.Db.Members.Where(m => m.Handle.StartsWith(tag)).Include(m => m.Followers).Include(m => m.Following).OrderBy(m => m.Handle), strategy)
            .ToListAsync();
        Assert.Equal(
            [$"{tag}-0:[{tag}-1,{tag}-2]:[{tag}-3]", $"{tag}-1:[{tag}-2]:[{tag}-0]", $"{tag}-2:[]:[{tag}-0,{tag}-1]", $"{tag}-3:[{tag}-0]:[]", $"{tag}-4:[]:[]"],
            members.Select(m => $"{m.Handle}:[{string.Join(",", m.Followers.Select(f => f.Handle))}]:[{string.Join(",", m.Following.Select(f => f.Handle))}]"));
    }

    [Fact]
    public async Task LoadStrategy_Query_joins_the_join_table_and_returns_each_rows_parent_key()
    {
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var articles = await Articles.Include(a => a.Labels.OrderByDescending(l => l.Name).Take(2)).RelationLoadStrategy(LoadStrategy.Query).OrderBy(a => a.Id).ToListAsync();
        // One round trip: BEGIN; the articles; the labels, selecting the articles again; COMMIT.
        Assert.Equal(1, counter.Count);
        Assert.Equal(
            "SELECT \"t1j\".\"A\", \"t1\".\"Id\", \"t1\".\"Name\", \"t1\".\"Weight\" FROM \"Label\" AS \"t1\" INNER JOIN \"_ArticleToLabel\" AS \"t1j\" ON \"t1j\".\"B\" = \"t1\".\"Id\" WHERE "
            + "(\"t1j\".\"A\" = ANY(ARRAY(SELECT \"t0\".\"Id\" FROM \"Article\" AS \"t0\" WHERE \"t0\".\"Title\" LIKE $1 ESCAPE '\\'))) AND EXISTS (SELECT 1 FROM (SELECT \"t1\".\"Id\" AS "
            + "\"k\", \"t1j\".\"A\" AS \"o\", row_number() OVER (PARTITION BY \"t1j\".\"A\" ORDER BY \"t1\".\"Name\" DESC) AS \"n\" FROM \"Label\" AS \"t1\" INNER JOIN \"_ArticleToLabel\" "
            + "AS \"t1j\" ON \"t1j\".\"B\" = \"t1\".\"Id\" WHERE \"t1j\".\"A\" = ANY(ARRAY(SELECT \"t0\".\"Id\" FROM \"Article\" AS \"t0\" WHERE \"t0\".\"Title\" LIKE $1 ESCAPE '\\'))) AS \"p\" "
            + "WHERE ((\"p\".\"n\" > 0) AND (\"p\".\"n\" <= (0 + $2))) AND ((\"p\".\"k\" = \"t1\".\"Id\") AND (\"p\".\"o\" = \"t1j\".\"A\"))) ORDER BY \"t1\".\"Name\" DESC",
            counter.Statements[0].Split(";\n")[2]);
        Assert.Equal(_seed.Articles.OrderBy(a => a.Id).Select(a => Row(a.Id, a.Title, _seed.LabelsOf(a.Id).OrderByDescending(l => l.Name, StringComparer.Ordinal).Take(2).Select(l => l.Id))),
            articles.Select(a => Row(a.Id, a.Title, a.Labels.Select(l => l.Id))));
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
        ["include"] = (db => db.Articles.Include(a => a.Labels, LoadStrategy.Join).Where(a => a.Id == 1).ToSql(),
            "SELECT \"t0\".\"Id\", \"t0\".\"Title\", \"t0\".\"Rank\", \"t3\".\"c0\", \"t3\".\"c1\", \"t3\".\"c2\" FROM \"Article\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t2\".\"c0\") AS \"c0\", array_agg(\"t2\".\"c1\") AS \"c1\", array_agg(\"t2\".\"c2\") AS \"c2\" FROM (SELECT \"t1\".\"Id\" AS \"c0\", \"t1\".\"Name\" AS \"c1\", \"t1\".\"Weight\" AS \"c2\" FROM \"Label\" AS \"t1\" WHERE EXISTS (SELECT 1 FROM \"_ArticleToLabel\" AS \"t1j\" WHERE (\"t1j\".\"A\" = \"t0\".\"Id\") AND (\"t1j\".\"B\" = \"t1\".\"Id\")) ORDER BY \"t1\".\"Id\") AS \"t2\") AS \"t3\" ON TRUE WHERE \"t0\".\"Id\" = $1"),
        ["some"] = (db => db.Articles.Where(a => a.Labels.Any(l => l.Weight > 3)).Select(a => a.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"Article\" AS \"t0\" WHERE EXISTS (SELECT 1 FROM \"Label\" AS \"t1\" WHERE EXISTS (SELECT 1 FROM \"_ArticleToLabel\" AS \"t1j\" WHERE (\"t1j\".\"A\" = \"t0\".\"Id\") AND (\"t1j\".\"B\" = \"t1\".\"Id\")) AND (\"t1\".\"Weight\" > $1))"),
        ["count-order"] = (db => db.Labels.OrderBy(l => l.Articles.Count()).Select(l => l.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"Label\" AS \"t0\" ORDER BY (SELECT count(*)::integer FROM \"Article\" AS \"t1\" WHERE EXISTS (SELECT 1 FROM \"_ArticleToLabel\" AS \"t1j\" WHERE (\"t1j\".\"B\" = \"t0\".\"Id\") AND (\"t1j\".\"A\" = \"t1\".\"Id\")))"),
        ["nested-select"] = (db => db.Articles.Select(a => new { a.Id, Names = a.Labels.Select(l => l.Name).ToList() }).ToSql(),
            "SELECT \"t0\".\"Id\", \"t2\".\"value\" FROM \"Article\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t1\".\"Name\" ORDER BY \"t1\".\"Id\") AS \"value\" FROM \"Label\" AS \"t1\" WHERE EXISTS (SELECT 1 FROM \"_ArticleToLabel\" AS \"t1j\" WHERE (\"t1j\".\"A\" = \"t0\".\"Id\") AND (\"t1j\".\"B\" = \"t1\".\"Id\"))) AS \"t2\" ON TRUE"),
    };
}
