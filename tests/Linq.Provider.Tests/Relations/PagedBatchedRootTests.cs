using Blog.Model;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// A page of roots whose relations are all loaded by statements of their own (<see cref="LoadStrategy.Query"/>, named or
/// by default) stays a plain select, and every level selects the page's keys straight from the table, not from a derived
/// table around it: the shape (snapshots, and the derived table kept when a relation rides in the roots' statement) and the
/// results against <see cref="LoadStrategy.Join"/> and LINQ-to-Objects over rows read with plain Npgsql: Skip/Take over an
/// ordering with ties and a NULL, both directions, a filter through a to-one relation (a join in the roots' statement),
/// nested levels, parents without children, and a to-one loaded over a nullable foreign key.
/// </summary>
public sealed class PagedBatchedRootTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<int> _users = [];
    private string _tag = "";

    public async Task InitializeAsync()
    {
        _tag = Guid.NewGuid().ToString("N")[..6];
        var start = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var u = 0; u < 9; u++)
        {
            // Names repeat (the key breaks ties) and one is NULL; some users have no profile, one a profile without a bio.
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"pbr-{_tag}-{u}@x.io", Name = u == 4 ? null : "N" + (u % 3) });
            _users.Add(user.Id);
            if (u % 3 != 0)
            {
                await fixture.Db.Profiles.CreateAsync(new() { UserId = user.Id, Bio = u == 5 ? null : "bio" + u });
            }
        }

        // Round-robin over the users, so a user's posts are spread over the level; users 0 and 4 get none, some posts no comments.
        for (var p = 0; p < 3; p++)
        {
            for (var u = 0; u < 9; u++)
            {
                if (u % 4 == 0 || p >= 1 + u % 3)
                {
                    continue;
                }

                var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"u{u}p{p}", AuthorId = _users[u], CreatedAt = start.AddMinutes(p * 9 + u) });
                for (var c = 0; c < (p + u) % 3; c++)
                {
                    await fixture.Db.Comments.CreateAsync(new() { Text = $"u{u}p{p}c{c}", PostId = post.Id, CreatedAt = start.AddSeconds(c) });
                }
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<LoadStrategy?, bool, bool, int> Matrix()
    {
        var data = new TheoryData<LoadStrategy?, bool, bool, int>();
        foreach (var strategy in new LoadStrategy?[] { null, LoadStrategy.Query, LoadStrategy.Join })
        {
            foreach (var descending in new[] { false, true })
            {
                foreach (var throughProfile in new[] { false, true })
                {
                    foreach (var skip in new[] { 0, 2 })
                    {
                        data.Add(strategy, descending, throughProfile, skip);
                    }
                }
            }
        }

        return data;
    }

    [Fact]
    public void A_page_whose_relations_are_all_batched_is_a_plain_select_in_every_statement()
    {
        var query = fixture.Db.Users.Where(u => u.Id > 1).OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(2).Take(5).Include(u => u.Posts).ThenInclude(p => p.Comments);
        const string Page = "FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" > $1 ORDER BY \"t0\".\"Name\" NULLS FIRST, \"t0\".\"Id\" LIMIT $2 OFFSET $3";
        Assert.Equal(
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" " + Page + ";\n"
            + "SELECT \"t1\".\"Id\", \"t1\".\"Title\", \"t1\".\"Content\", \"t1\".\"Published\", \"t1\".\"AuthorId\", \"t1\".\"CreatedAt\" FROM \"Post\" AS \"t1\" "
            + "WHERE \"t1\".\"AuthorId\" = ANY(ARRAY(SELECT \"t0\".\"Id\" " + Page + ")) ORDER BY \"t1\".\"Id\";\n"
            + "SELECT \"t2\".\"Id\", \"t2\".\"Text\", \"t2\".\"post_id\", \"t2\".\"CreatedAt\" FROM \"comments\" AS \"t2\" WHERE \"t2\".\"post_id\" = ANY(ARRAY(SELECT \"t1\".\"Id\" "
            + "FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = ANY(ARRAY(SELECT \"t0\".\"Id\" " + Page + ")))) ORDER BY \"t2\".\"Id\"",
            query.ToSql());
    }

    [Fact]
    public void A_page_keeps_its_derived_table_when_a_relation_rides_in_its_statement()
    {
        // The profile (to-one) is a LATERAL join of the users' statement, so the page is picked first; posts still batch.
        var sql = fixture.Db.Users.OrderBy(u => u.Id).Take(5).Include(u => u.Posts).Include(u => u.Profile).ToSql().Split(";\n");
        Assert.Equal(2, sql.Length);
        Assert.StartsWith("SELECT \"t1\".\"Id\", \"t1\".\"Email\", \"t1\".\"Name\", \"t1\".\"Role\", \"t3\".\"value\" FROM (SELECT \"t0\".\"Id\"", sql[0], StringComparison.Ordinal);
        Assert.Contains("ANY(ARRAY(SELECT \"t1\".\"Id\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Id\" LIMIT $1) AS \"t1\"))",
            sql[1], StringComparison.Ordinal);

        // Under Join everything is one statement, the page picked first.
        var joined = fixture.Db.Users.OrderBy(u => u.Id).Take(5).Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Join).ToSql();
        Assert.DoesNotContain(";\n", joined, StringComparison.Ordinal);
        Assert.Contains("FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Id\" LIMIT $1) AS \"t1\"", joined, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_page_of_users_gets_its_posts_and_their_comments(LoadStrategy? strategy, bool descending, bool throughProfile, int skip)
    {
        var (users, bios, posts, comments) = await ExpectedAsync();
        // NULL sorts first ascending and last descending, as in LINQ (NULLS FIRST/LAST); the names sort the same ordinally and in the collation.
        var comparer = Comparer<string?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : string.CompareOrdinal(a, b));
        var kept = users.Where(u => !throughProfile || bios.TryGetValue(u.Id, out var bio) && bio is not null);
        var ordered = descending ? kept.OrderByDescending(u => u.Name, comparer).ThenByDescending(u => u.Id) : kept.OrderBy(u => u.Name, comparer).ThenBy(u => u.Id);
        var expected = ordered.Skip(skip).Take(3).Select(u => Describe(u.Id, u.Name, posts.Where(p => p.AuthorId == u.Id).OrderBy(p => p.Id)
            .Select(p => (p.Id, p.Title, comments.Where(c => c.PostId == p.Id).OrderBy(c => c.Id).Select(c => (c.Id, c.Text)))))).ToList();

        var query = fixture.Db.Users.Where(u => _users.Contains(u.Id));
        if (throughProfile)
        {
            query = query.Where(u => u.Profile!.Bio != null);
        }

        query = descending ? query.OrderByDescending(u => u.Name).ThenByDescending(u => u.Id) : query.OrderBy(u => u.Name).ThenBy(u => u.Id);
        query = query.Skip(skip).Take(3).Include(u => u.Posts).ThenInclude(p => p.Comments);
        if (strategy is { } named)
        {
            query = query.RelationLoadStrategy(named);
        }

        var loaded = await query.ToListAsync();

        Assert.Equal(expected, loaded.Select(u => Describe(u.Id, u.Name, u.Posts.Select(p => (p.Id, p.Title, p.Comments.Select(c => (c.Id, c.Text)))))).ToList());
        Assert.Equal(3, loaded.Count);
        // The page holds parents without children unless the profile's filter happens to leave only users with posts.
        Assert.True(throughProfile || loaded.Any(u => u.Posts.Count == 0) || skip > 0);
        Assert.Equal(strategy == LoadStrategy.Join ? 1 : 3, query.ToSql().Split(";\n").Length);
    }

    [Theory]
    [InlineData(LoadStrategy.Join, false)]
    [InlineData(LoadStrategy.Join, true)]
    [InlineData(LoadStrategy.Query, false)]
    [InlineData(LoadStrategy.Query, true)]
    public async Task A_page_of_children_gets_its_parents_over_a_nullable_foreign_key(LoadStrategy strategy, bool descending)
    {
        // Volumes page by title; their shelf (a to-one over a nullable text key) is its own statement under Query, and
        // the volumes without a shelf select a NULL key that matches nothing.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var shelves = new List<string>();
        for (var s = 0; s < 3; s++)
        {
            shelves.Add((await fixture.Db.Shelfs.CreateAsync(new() { Code = $"{tag}-s{s}", Name = "S" + s })).Code);
        }

        for (var v = 0; v < 10; v++)
        {
            await fixture.Db.Volumes.CreateAsync(new() { Title = $"{tag}-v{v % 4}", Price = v, ShelfCode = v % 3 == 2 ? null : shelves[v % 2] });
        }

        var volumes = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\", \"Title\", \"ShelfCode\" FROM \"Volume\" WHERE \"Title\" LIKE '{tag}-%'",
            r => (Id: r.Get<int>("Id"), Title: r.Get<string>("Title"), Shelf: r.Ref<string>("ShelfCode")));
        var names = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Code\", \"Name\" FROM \"Shelf\" WHERE \"Code\" LIKE '{tag}-%'",
            r => (Code: r.Get<string>("Code"), Name: r.Get<string>("Name")));
        var sorted = descending
            ? volumes.OrderByDescending(v => v.Title, StringComparer.Ordinal).ThenByDescending(v => v.Id)
            : volumes.OrderBy(v => v.Title, StringComparer.Ordinal).ThenBy(v => v.Id);
        var expected = sorted.Skip(1).Take(6).Select(v => $"{v.Id}:{v.Title}:{names.SingleOrDefault(n => n.Code == v.Shelf).Name ?? "<none>"}").ToList();

        var query = fixture.Db.Volumes.Where(v => v.Title.StartsWith(tag));
        query = descending ? query.OrderByDescending(v => v.Title).ThenByDescending(v => v.Id) : query.OrderBy(v => v.Title).ThenBy(v => v.Id);
        var loaded = await query.Skip(1).Take(6).Include(v => v.Shelf, strategy).ToListAsync();

        Assert.Equal(expected, loaded.Select(v => $"{v.Id}:{v.Title}:{v.Shelf?.Name ?? "<none>"}").ToList());
        Assert.Contains(loaded, v => v.Shelf is null);
        Assert.All(loaded.Where(v => v.Shelf is not null), v => Assert.Equal(v.ShelfCode, v.Shelf!.Code));
    }

    private static string Describe(int id, string? name, IEnumerable<(int Id, string Title, IEnumerable<(int Id, string Text)> Comments)> posts) =>
        $"{id}|{name ?? "<null>"}[{string.Join(";", posts.Select(p => $"{p.Id}|{p.Title}{{{string.Join(",", p.Comments.Select(c => $"{c.Id}|{c.Text}"))}}}"))}]";

    // The graph read with plain Npgsql, not through the provider.
    private async Task<(List<(int Id, string? Name)> Users, Dictionary<int, string?> Bios, List<(int Id, string Title, int AuthorId)> Posts, List<(int Id, string Text, int PostId)> Comments)> ExpectedAsync()
    {
        var ids = string.Join(",", _users);
        var cs = fixture.ConnectionString;
        var users = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Name\" FROM \"User\" WHERE \"Id\" IN ({ids})", r => (Id: r.Get<int>("Id"), Name: r.Ref<string>("Name")));
        var bios = (await PlainRows.ReadAsync(cs, $"SELECT \"UserId\", \"Bio\" FROM \"Profile\" WHERE \"UserId\" IN ({ids})", r => (User: r.Get<int>("UserId"), Bio: r.Ref<string>("Bio"))))
            .ToDictionary(p => p.User, p => p.Bio);
        var posts = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Title\", \"AuthorId\" FROM \"Post\" WHERE \"AuthorId\" IN ({ids})",
            r => (Id: r.Get<int>("Id"), Title: r.Get<string>("Title"), AuthorId: r.Get<int>("AuthorId")));
        var comments = await PlainRows.ReadAsync(cs, $"SELECT c.\"Id\", c.\"Text\", c.post_id FROM comments c JOIN \"Post\" p ON p.\"Id\" = c.post_id WHERE p.\"AuthorId\" IN ({ids})",
            r => (Id: r.Get<int>("Id"), Text: r.Get<string>("Text"), PostId: r.Get<int>("post_id")));
        return (users, bios, posts, comments);
    }
}
