using Blog.Model;
using Linq.Provider.Tests.Infrastructure;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// A page whose relations are statements of their own (<see cref="LoadStrategy.Query"/>) is selected again by each of
/// them, so its order ends with the primary key when it is not unique: ties could otherwise pick other rows the second
/// time, and a row would silently get no relations. The shapes (the key added to a root page and a per-parent page,
/// not added under a unique order or a single statement) and the results over an ordering that is all ties: every
/// loaded post has exactly its own comments, read back with plain Npgsql.
/// </summary>
public sealed class TiedPageIncludeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<int> _users = [];
    private string _name = "";

    public async Task InitializeAsync()
    {
        _name = "tie-" + Guid.NewGuid().ToString("N")[..6];
        for (var u = 0; u < 7; u++)
        {
            // One name for all (the order is all ties); posts are all unpublished (the per-parent order is all ties too).
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"{_name}-{u}@x.io", Name = _name });
            _users.Add(user.Id);
            for (var p = 0; p < u % 4; p++)
            {
                var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"u{u}p{p}", AuthorId = user.Id });
                for (var c = 0; c < (u + p) % 3; c++)
                {
                    await fixture.Db.Comments.CreateAsync(new() { Text = $"u{u}p{p}c{c}", PostId = post.Id });
                }
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void A_root_page_over_ties_ends_its_order_with_the_key_in_every_statement()
    {
        var sql = fixture.Db.Users.OrderBy(u => u.Name).Skip(1).Take(5).Include(u => u.Posts).ToSql().Split(";\n");
        Assert.Equal(2, sql.Length);
        const string Order = "ORDER BY \"t0\".\"Name\" NULLS FIRST, \"t0\".\"Id\" LIMIT $1 OFFSET $2";
        Assert.Contains(Order, sql[0], StringComparison.Ordinal);
        Assert.Contains("ANY(ARRAY(SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" " + Order + "))", sql[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_page_without_any_order_is_ordered_by_its_key()
    {
        var sql = fixture.Db.Users.Take(3).Include(u => u.Posts).ToSql().Split(";\n");
        Assert.Contains("ORDER BY \"t0\".\"Id\" LIMIT $1", sql[0], StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"t0\".\"Id\" LIMIT $1))", sql[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_unique_order_or_a_single_statement_is_left_as_written()
    {
        // Email is a non-nullable unique key: already total.
        var unique = fixture.Db.Users.OrderByDescending(u => u.Email).Take(5).Include(u => u.Posts).ToSql();
        Assert.Contains("ORDER BY \"t0\".\"Email\" DESC LIMIT $1", unique, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Email\" DESC, ", unique, StringComparison.Ordinal);

        // Under Join the page is picked once, in one statement.
        var joined = fixture.Db.Users.OrderBy(u => u.Name).Take(5).Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Join).ToSql();
        Assert.DoesNotContain(";\n", joined, StringComparison.Ordinal);
        Assert.Contains("ORDER BY \"t0\".\"Name\" NULLS FIRST LIMIT $1", joined, StringComparison.Ordinal);

        // Without a page the rows are all of them, in any order.
        var all = fixture.Db.Users.OrderBy(u => u.Name).Include(u => u.Posts).ToSql();
        Assert.DoesNotContain("\"Name\" NULLS FIRST, \"t0\".\"Id\"", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_parent_page_over_ties_ends_its_order_with_the_key()
    {
        var sql = fixture.Db.Users.Include(u => u.Posts.OrderBy(p => p.Published).Take(2)).ThenInclude(p => p.Comments).RelationLoadStrategy(LoadStrategy.Query).ToSql();
        Assert.Contains("ORDER BY \"t1\".\"Published\", \"t1\".\"Id\")", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData(LoadStrategy.Query, false)]
    [InlineData(LoadStrategy.Query, true)]
    [InlineData(LoadStrategy.Join, false)]
    public async Task Every_page_over_ties_loads_each_of_its_posts_with_exactly_its_comments(LoadStrategy? strategy, bool descending)
    {
        var ids = string.Join(",", _users);
        var posts = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\", \"AuthorId\" FROM \"Post\" WHERE \"AuthorId\" IN ({ids})",
            r => (Id: r.Get<int>("Id"), AuthorId: r.Get<int>("AuthorId")));
        var comments = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT c.\"Id\", c.post_id FROM comments c JOIN \"Post\" p ON p.\"Id\" = c.post_id WHERE p.\"AuthorId\" IN ({ids})",
            r => (Id: r.Get<int>("Id"), PostId: r.Get<int>("post_id")));

        var seen = new List<int>();
        for (var skip = 0; skip < _users.Count; skip += 3)
        {
            var query = fixture.Db.Users.Where(u => u.Name == _name);
            query = descending ? query.OrderByDescending(u => u.Name) : query.OrderBy(u => u.Name);
            query = query.Skip(skip).Take(3).Include(u => u.Posts.OrderBy(p => p.Published).Take(2)).ThenInclude(p => p.Comments);
            if (strategy is { } named)
            {
                query = query.RelationLoadStrategy(named);
            }

            var page = await query.ToListAsync();
            Assert.Equal(Math.Min(3, _users.Count - skip), page.Count);
            foreach (var user in page)
            {
                Assert.Contains(user.Id, _users);
                var own = posts.Where(p => p.AuthorId == user.Id).Select(p => p.Id).ToList();
                Assert.Equal(Math.Min(2, own.Count), user.Posts.Count);
                Assert.All(user.Posts, p => Assert.Contains(p.Id, own));
                foreach (var post in user.Posts)
                {
                    Assert.Equal(comments.Where(c => c.PostId == post.Id).Select(c => c.Id).Order(), post.Comments.Select(c => c.Id).Order());
                }
            }

            seen.AddRange(page.Select(u => u.Id));
        }

        // The key ends the order of the batched pages, so the pages partition the users.
        if (strategy != LoadStrategy.Join)
        {
            Assert.Equal(_users.Order(), seen.Order());
        }
    }
}
