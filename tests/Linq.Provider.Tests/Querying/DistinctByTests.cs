using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// DistinctBy after an ordering (DISTINCT ON in a derived table) against LINQ-to-Objects over the tables read with plain
/// Npgsql: the first row of each key in the ordering (ties by primary key, which is the stored rows' order), nullable
/// and composite keys, with filters, paging before and after, projections and includes with both strategies; refused
/// without an ordering.
/// </summary>
public sealed class DistinctByTests(QueryFixture fixture) : IClassFixture<QueryFixture>, IAsyncLifetime
{
    private readonly QueryFixture _f = fixture;
    private StoredRows _rows = null!;

    public async Task InitializeAsync() => _rows = await StoredRows.LoadAsync(_f.ConnectionString);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task First_post_of_each_author_by_title()
    {
        // OrderBy is stable in LINQ-to-Objects: ties keep primary-key order, as the SQL's tie-breaker does.
        var expected = _rows.Posts.OrderBy(p => p.Title, QueryCheck.CodePoint).DistinctBy(p => p.AuthorId).ToList();
        var query = _f.Db.Posts.OrderBy(p => p.Title).DistinctBy(p => p.AuthorId);
        var actual = await query.ToListAsync();
        var sql = QueryCheck.Sql(query);
        QueryCheck.Same("rows in order", expected.Select(p => p.Id), actual.Select(p => p.Id), sql);
        Assert.Contains("DISTINCT ON", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Descending_order_then_take_and_projection()
    {
        var expected = _rows.Posts.OrderByDescending(p => p.Id).DistinctBy(p => p.AuthorId).Take(3).Select(p => p.Id).ToList();
        var query = _f.Db.Posts.OrderByDescending(p => p.Id).DistinctBy(p => p.AuthorId).Take(3).Select(p => p.Id);
        QueryCheck.Same("desc take", expected, await query.ToListAsync(), QueryCheck.Sql(query));
        QueryCheck.Equal("count", _rows.Posts.DistinctBy(p => p.AuthorId).Count(), await _f.Db.Posts.OrderBy(p => p.Id).DistinctBy(p => p.AuthorId).CountAsync());
    }

    [Fact]
    public async Task Nullable_and_composite_keys()
    {
        var nullable = _rows.Posts.OrderBy(p => p.Id).DistinctBy(p => p.Content).Select(p => p.Id).ToList();
        QueryCheck.Same("nullable key", nullable, await _f.Db.Posts.OrderBy(p => p.Id).DistinctBy(p => p.Content).Select(p => p.Id).ToListAsync());

        var composite = _rows.Posts.OrderByDescending(p => p.Title, QueryCheck.CodePoint).ThenBy(p => p.Id).DistinctBy(p => new { p.AuthorId, p.Published }).Select(p => p.Id).ToList();
        var query = _f.Db.Posts.OrderByDescending(p => p.Title).ThenBy(p => p.Id).DistinctBy(p => new { p.AuthorId, p.Published }).Select(p => p.Id);
        QueryCheck.Same("composite key", composite, await query.ToListAsync(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Filtered_and_paged_before()
    {
        var expected = _rows.Posts.Where(p => p.Published).OrderBy(p => p.Id).Skip(2).Take(20).DistinctBy(p => p.AuthorId).Select(p => p.Id).ToList();
        var query = _f.Db.Posts.Where(p => p.Published).OrderBy(p => p.Id).Skip(2).Take(20).DistinctBy(p => p.AuthorId).Select(p => p.Id);
        QueryCheck.Same("page then DistinctBy", expected, await query.ToListAsync(), QueryCheck.Sql(query));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task With_included_posts(LoadStrategy strategy)
    {
        var expected = _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).DistinctBy(u => u.Role)
            .Select(u => (u.Id, Posts: _rows.Posts.Where(p => p.AuthorId == u.Id).Select(p => p.Id).Order().ToList())).ToList();
        var users = await _f.Db.Users.Include(u => u.Posts, strategy).OrderBy(u => u.Email).DistinctBy(u => u.Role).ToListAsync();
        QueryCheck.Same("users", expected.Select(e => e.Id), users.Select(u => u.Id));
        for (var i = 0; i < users.Count; i++)
        {
            QueryCheck.Same("posts of " + users[i].Id, expected[i].Posts, users[i].Posts.Select(p => p.Id).Order());
        }
    }

    [Fact]
    public void Without_an_ordering_is_refused_with_advice()
    {
        var error = Assert.Throws<QueryTranslationException>(() => _f.Db.Posts.DistinctBy(p => p.AuthorId).ToSql());
        Assert.Contains("Order the rows first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_a_projection_keyed_by_its_member()
    {
        var expected = _rows.Posts.OrderBy(p => p.Id).Select(p => new { p.Id, p.AuthorId }).DistinctBy(p => p.AuthorId).ToList();
        var query = _f.Db.Posts.OrderBy(p => p.Id).Select(p => new { p.Id, p.AuthorId }).DistinctBy(p => p.AuthorId);
        QueryCheck.Same("projection", expected, await query.ToListAsync(), QueryCheck.Sql(query));
    }

    [Fact]
    public void Sql_shape_is_as_recorded()
    {
        var sql = _f.Db.Posts.Where(p => p.Published).OrderBy(p => p.Title).DistinctBy(p => p.AuthorId).Select(p => p.Id).ToSql();
        Assert.True(sql == "SELECT \"t1\".\"Id\" FROM (SELECT DISTINCT ON (\"t0\".\"AuthorId\") \"t0\".\"Id\", \"t0\".\"Title\", \"t0\".\"Content\", \"t0\".\"Published\", \"t0\".\"AuthorId\", \"t0\".\"CreatedAt\" FROM \"Post\" AS \"t0\" WHERE \"t0\".\"Published\" ORDER BY \"t0\".\"AuthorId\", \"t0\".\"Title\", \"t0\".\"Id\") AS \"t1\" ORDER BY \"t1\".\"Title\", \"t1\".\"Id\"", sql);
    }
}
