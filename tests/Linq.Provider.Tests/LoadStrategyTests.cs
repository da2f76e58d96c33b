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

        Assert.Equal(Describe(join), Describe(query));
        Assert.Contains("u5p4c0", Describe(query));
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
        using var comments = new StatementCounter("FROM \"comments\"");
        var users = await Mine.Include(u => u.Posts, LoadStrategy.Query).ThenInclude(p => p.Comments).ToListAsync();
        var expected = await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync();
        Assert.Equal(Describe(expected), Describe(users));
    }

    [Fact]
    public async Task Filtered_include_pages_per_parent_under_query_strategy()
    {
        var join = await Mine.Include(u => u.Posts.Where(p => p.Title != "u5p0").OrderByDescending(p => p.CreatedAt).Skip(1).Take(2)).ToListAsync();
        var query = await Mine.Include(u => u.Posts.Where(p => p.Title != "u5p0").OrderByDescending(p => p.CreatedAt).Skip(1).Take(2))
            .RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        Assert.Equal(Describe(join), Describe(query));
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

    private static string Describe(IEnumerable<User> users) => string.Join(" | ", users.Select(u =>
        $"{u.Id}:{u.Profile?.Bio ?? "-"}:[{string.Join(",", u.Posts.Select(p => p.Title + "(" + string.Join("/", p.Comments.Select(c => c.Text)) + ")"))}]"));
}

[CollectionDefinition("statement counting", DisableParallelization = true)]
public sealed class StatementCountingCollection;
