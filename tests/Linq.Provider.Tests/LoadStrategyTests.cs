using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>LoadStrategy.Query loads the same graph as Join, with one statement per relation level.</summary>
[Collection("statement counting")]
public sealed class LoadStrategyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<int> _users = [];

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var u = 0; u < 6; u++)
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"ls-{tag}-{u}@x.io", Name = "U" + u });
            _users.Add(user.Id);
            if (u % 2 == 0)
            {
                await fixture.Db.Profiles.CreateAsync(new() { UserId = user.Id, Bio = "bio " + u });
            }

            for (var p = 0; p < u; p++)
            {
                var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"u{u}p{p}", AuthorId = user.Id, Published = p % 2 == 1, CreatedAt = start.AddHours(p) });
                for (var c = 0; c < p % 3; c++)
                {
                    await fixture.Db.Comments.CreateAsync(new() { Text = $"u{u}p{p}c{c}", PostId = post.Id });
                }
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<User> Mine => fixture.Db.Users.Where(u => _users.Contains(u.Id)).OrderBy(u => u.Id);

    [Fact]
    public async Task Query_strategy_loads_the_same_graph_as_join()
    {
        var join = await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).Include(u => u.Profile).ToListAsync();
        var query = await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).Include(u => u.Profile)
            .RelationLoadStrategy(LoadStrategy.Query).ToListAsync();

        var expected = await ExpectedAsync();
        Assert.Equal(expected, Describe(join));
        Assert.Equal(expected, Describe(query));
        Assert.Contains("u5p4c0", expected);
    }

    [Fact]
    public async Task Query_strategy_takes_one_statement_per_level_whatever_the_row_count()
    {
        using var counter = new StatementCounter("\"User\"");
        using var posts = new StatementCounter("\"Post\"");
        using var comments = new StatementCounter("\"comments\"");
        await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        Assert.Equal(1, counter.Count);
        Assert.Equal(1, posts.Count);
        Assert.Equal(1, comments.Count);

        using var joined = new StatementCounter("\"User\"");
        await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync();
        Assert.Equal(1, joined.Count);
    }

    [Fact]
    public async Task Strategy_can_be_chosen_per_relation()
    {
        List<User> users;
        using (var sent = new RoundTripCounter(fixture.ConnectionString))
        {
            users = await Mine.Include(u => u.Posts, LoadStrategy.Query).ThenInclude(p => p.Comments, LoadStrategy.Join).ToListAsync();

            // One round trip: the users' statement and the posts' (not joined into the users' one) in one batch; the posts
            // select their users again (ANY(ARRAY(…))) and their comments ride along with them.
            Assert.True(sent.Count == 1, "round trips:\n" + string.Join("\n----\n", sent.Statements));
            var statements = sent.Statements[0].Split(";\n");
            Assert.Equal(["BEGIN ISOLATION LEVEL REPEATABLE READ", "COMMIT"], [statements[0], statements[^1]]);
            Assert.Equal(4, statements.Length);
            Assert.DoesNotContain("\"Post\"", statements[1], StringComparison.Ordinal);
            Assert.Contains("\"Post\"", statements[2], StringComparison.Ordinal);
            Assert.Contains("= ANY(ARRAY(SELECT", statements[2], StringComparison.Ordinal);
            Assert.Contains("\"comments\"", statements[2], StringComparison.Ordinal);
        }

        Assert.Equal(await ExpectedAsync(profile: false), Describe(users));
    }

    [Fact]
    public async Task Filtered_include_pages_per_parent_under_query_strategy()
    {
        var join = await Mine.Include(u => u.Posts.Where(p => p.Title != "u5p0").OrderByDescending(p => p.CreatedAt).Skip(1).Take(2)).ToListAsync();
        var query = await Mine.Include(u => u.Posts.Where(p => p.Title != "u5p0").OrderByDescending(p => p.CreatedAt).Skip(1).Take(2))
            .RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        Assert.Equal(Describe(join), Describe(query));
        Assert.Equal(await ExpectedAsync(posts => posts.Where(p => p.Title != "u5p0").OrderByDescending(p => p.CreatedAt).Skip(1).Take(2), comments: false, profile: false), Describe(query));
        Assert.Equal(["u5p3", "u5p2"], query[5].Posts.Select(p => p.Title));
        Assert.Empty(query[0].Posts);
    }

    [Fact]
    public async Task First_and_to_one_work_under_query_strategy()
    {
        var first = await Mine.Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Query).FirstAsync(u => u.Id == _users[3]);
        Assert.Equal(3, first.Posts.Count);

        var posts = await fixture.Db.Posts.Where(p => _users.Contains(p.AuthorId)).OrderBy(p => p.Id)
            .Include(p => p.Author).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        Assert.All(posts, p => Assert.Equal(p.AuthorId, p.Author!.Id));
    }

    /// <summary>
    /// The graph as <see cref="Describe"/> prints it, read with plain Npgsql and assembled with LINQ-to-Objects, so
    /// that neither load strategy is only compared with the other.
    /// </summary>
    private async Task<string> ExpectedAsync(Func<IEnumerable<Post>, IEnumerable<Post>>? filter = null, bool comments = true, bool profile = true)
    {
        var ids = string.Join(",", _users);
        var cs = fixture.ConnectionString;
        var users = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Email\" FROM \"User\" WHERE \"Id\" IN ({ids})",
            r => new User { Id = r.Get<int>("Id"), Email = r.Get<string>("Email") });
        var profiles = await PlainRows.ReadAsync(cs, $"SELECT \"UserId\", \"Bio\" FROM \"Profile\" WHERE \"UserId\" IN ({ids})",
            r => (UserId: r.Get<int>("UserId"), Bio: r.Ref<string>("Bio")));
        var posts = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Title\", \"AuthorId\", \"CreatedAt\" FROM \"Post\" WHERE \"AuthorId\" IN ({ids})",
            r => new Post { Id = r.Get<int>("Id"), Title = r.Get<string>("Title"), AuthorId = r.Get<int>("AuthorId"), CreatedAt = r.Get<DateTime>("CreatedAt") });
        var allComments = await PlainRows.ReadAsync(cs, "SELECT \"Id\", \"Text\", post_id FROM \"comments\"",
            r => new Comment { Id = r.Get<int>("Id"), Text = r.Get<string>("Text"), PostId = r.Get<int>("post_id") });
        foreach (var post in posts)
        {
            post.Comments = comments ? [.. allComments.Where(c => c.PostId == post.Id).OrderBy(c => c.Id)] : [];
        }

        foreach (var user in users)
        {
            var own = posts.Where(p => p.AuthorId == user.Id).OrderBy(p => p.Id);
            user.Posts = [.. filter is null ? own : filter(own)];
            var bio = profiles.Where(p => p.UserId == user.Id).Select(p => p.Bio).SingleOrDefault();
            user.Profile = profile && profiles.Any(p => p.UserId == user.Id) ? new Profile { UserId = user.Id, Bio = bio } : null;
        }

        return Describe(users.OrderBy(u => u.Id));
    }

    private static string Describe(IEnumerable<User> users) => string.Join(" | ", users.Select(u =>
        $"{u.Id}:{u.Profile?.Bio ?? "-"}:[{string.Join(",", u.Posts.Select(p => p.Title + "(" + string.Join("/", p.Comments.Select(c => c.Text)) + ")"))}]"));
}

[CollectionDefinition("statement counting", DisableParallelization = true)]
public sealed class StatementCountingCollection;
