using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Extensions;

/// <summary>
/// A global filter (<c>x.Filter&lt;Post&gt;(p =&gt; p.Published)</c>) applied everywhere the extended client reads posts:
/// the root query, counts and aggregates, includes under both load strategies, nested selects, relation filters,
/// sub-queries over a captured table, joins, writes; and nowhere on the original client or under IgnoreFilters().
/// Expected rows are read with plain Npgsql and filtered with LINQ-to-Objects.
/// </summary>
public sealed class GlobalFilterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<int> _users = [];
    private TestDb _published = null!;

    private sealed record PostRow(int Id, int AuthorId, string Title, bool Published);

    private sealed record CommentRow(int Id, int PostId, string Text);

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var u = 0; u < 5; u++)
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"gf-{tag}-{u}@x.io", Name = "U" + u });
            _users.Add(user.Id);
            for (var p = 0; p < u + 1; p++)
            {
                // User 0 has one unpublished post only: filtered, it has none.
                var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"u{u}p{p}", AuthorId = user.Id, Published = p % 2 == 1 });
                for (var c = 0; c < 2; c++)
                {
                    await fixture.Db.Comments.CreateAsync(new() { Text = $"u{u}p{p}c{c}", PostId = post.Id });
                }
            }
        }

        _published = fixture.Db.WithExtensions(x => x.Filter<Post>(p => p.Published));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string UserList => string.Join(",", _users);

    private Task<List<PostRow>> AllPostsAsync() => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"AuthorId\", \"Title\", \"Published\" FROM \"Post\" WHERE \"AuthorId\" IN ({UserList}) ORDER BY \"Id\"",
        r => new PostRow(r.Get<int>("Id"), r.Get<int>("AuthorId"), r.Get<string>("Title"), r.Get<bool>("Published")));

    private async Task<List<PostRow>> VisiblePostsAsync() => [.. (await AllPostsAsync()).Where(p => p.Published)];

    private Task<List<CommentRow>> CommentsAsync() => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT c.\"Id\", c.post_id, c.\"Text\" FROM comments c JOIN \"Post\" p ON p.\"Id\" = c.post_id WHERE p.\"AuthorId\" IN ({UserList}) ORDER BY c.\"Id\"",
        r => new CommentRow(r.Get<int>("Id"), r.Get<int>("post_id"), r.Get<string>("Text")));

    private IQueryable<Post> MinePosts(TestDb db) => db.Posts.Where(p => _users.Contains(p.AuthorId));

    private IQueryable<User> MineUsers(TestDb db) => db.Users.Where(u => _users.Contains(u.Id)).OrderBy(u => u.Id);

    [Fact]
    public async Task Root_query_sees_only_matching_rows_and_the_original_client_sees_all()
    {
        var all = await AllPostsAsync();
        var visible = all.Where(p => p.Published).Select(p => p.Id).ToList();
        Assert.NotEqual(all.Count, visible.Count);

        Assert.Equal(visible, await MinePosts(_published).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(all.Select(p => p.Id), await MinePosts(fixture.Db).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(visible, (await _published.Posts.OrderBy(p => p.Id).ToListAsync()).Where(p => _users.Contains(p.AuthorId)).Select(p => p.Id));
    }

    [Fact]
    public async Task Find_unique_and_find_first_do_not_see_a_filtered_row()
    {
        var hidden = (await AllPostsAsync()).First(p => !p.Published);
        Assert.Null(await _published.Posts.FindUniqueAsync(p => p.Id == hidden.Id));
        Assert.Null(await _published.Posts.FindFirstAsync(p => p.Id == hidden.Id));
        Assert.NotNull(await fixture.Db.Posts.FindUniqueAsync(p => p.Id == hidden.Id));
    }

    [Fact]
    public async Task Counts_and_aggregates_are_over_the_matching_rows()
    {
        var visible = await VisiblePostsAsync();
        Assert.Equal(visible.Count, await MinePosts(_published).CountAsync());
        Assert.Equal(visible.Max(p => p.Id), await MinePosts(_published).MaxAsync(p => p.Id));
        Assert.Equal(visible.Sum(p => p.Id), await MinePosts(_published).SumAsync(p => p.Id));
        Assert.Equal(visible.Any(p => p.Title == "u0p0"), await MinePosts(_published).AnyAsync(p => p.Title == "u0p0"));
        Assert.False(await MinePosts(_published).AnyAsync(p => p.Title == "u0p0"));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Include_loads_only_matching_related_rows_under_both_strategies(LoadStrategy strategy)
    {
        var posts = await VisiblePostsAsync();
        var comments = await CommentsAsync();
        var users = await MineUsers(_published).Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(strategy).ToListAsync();

        var expected = _users.Select(id => string.Join(";", posts.Where(p => p.AuthorId == id).OrderBy(p => p.Id)
            .Select(p => p.Title + "[" + string.Join(",", comments.Where(c => c.PostId == p.Id).OrderBy(c => c.Id).Select(c => c.Text)) + "]")));
        var actual = users.Select(u => string.Join(";", u.Posts.OrderBy(p => p.Id)
            .Select(p => p.Title + "[" + string.Join(",", p.Comments.OrderBy(c => c.Id).Select(c => c.Text)) + "]")));
        Assert.Equal(expected, actual);
        Assert.Empty(users[0].Posts);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task A_filtered_include_keeps_its_own_filter_and_paging(LoadStrategy strategy)
    {
        var posts = await VisiblePostsAsync();
        var users = await MineUsers(_published).Include(u => u.Posts.Where(p => p.Title != "u4p1").OrderByDescending(p => p.Id).Take(1))
            .RelationLoadStrategy(strategy).ToListAsync();
        var expected = _users.Select(id => posts.Where(p => p.AuthorId == id && p.Title != "u4p1").OrderByDescending(p => p.Id).Take(1).Select(p => p.Title).ToList());
        Assert.Equal(expected, users.Select(u => u.Posts.Select(p => p.Title).ToList()));
    }

    [Fact]
    public async Task Nested_selects_over_a_relation_see_only_matching_rows()
    {
        var posts = await VisiblePostsAsync();
        var rows = await MineUsers(_published).Select(u => new
        {
            u.Id,
            Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList(),
            u.Posts,
            Count = u.Posts.Count,
            Counted = u.Posts.Count(p => p.Title.StartsWith("u")),
        }).ToListAsync();

        foreach (var row in rows)
        {
            var mine = posts.Where(p => p.AuthorId == row.Id).OrderBy(p => p.Id).ToList();
            Assert.Equal(mine.Select(p => p.Title), row.Titles);
            Assert.Equal(mine.Select(p => p.Id), row.Posts.Select(p => p.Id).Order());
            Assert.Equal(mine.Count, row.Count);
            Assert.Equal(mine.Count, row.Counted);
        }
    }

    [Fact]
    public async Task Relation_filters_any_all_and_count_see_only_matching_rows()
    {
        var posts = await VisiblePostsAsync();
        var any = await MineUsers(_published).Where(u => u.Posts.Any()).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Any(p => p.AuthorId == id)), any);

        var all = await MineUsers(_published).Where(u => u.Posts.All(p => p.Title.EndsWith("1"))).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Where(p => p.AuthorId == id).All(p => p.Title.EndsWith('1'))), all);

        var counted = await MineUsers(_published).Where(u => u.Posts.Count() >= 2).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Count(p => p.AuthorId == id) >= 2), counted);
        Assert.NotEmpty(counted);

        var property = await MineUsers(_published).Where(u => u.Posts.Count == 1).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Count(p => p.AuthorId == id) == 1), property);
    }

    [Fact]
    public async Task A_captured_table_in_a_sub_query_and_a_join_are_filtered()
    {
        var posts = await VisiblePostsAsync();
        var db = _published;
        var withPosts = await MineUsers(db).Where(u => db.Posts.Any(p => p.AuthorId == u.Id)).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Any(p => p.AuthorId == id)), withPosts);

        var joined = await (from u in MineUsers(db)
                            join p in db.Posts on u.Id equals p.AuthorId
                            orderby p.Id
                            select p.Id).ToListAsync();
        Assert.Equal(posts.Select(p => p.Id), joined);
    }

    [Fact]
    public async Task Relations_from_the_filtered_model_to_others_are_not_filtered()
    {
        // Comment has no filter: the comments of the visible posts are all there; the filter hides posts, not comments.
        var posts = await VisiblePostsAsync();
        var comments = await CommentsAsync();
        var loaded = await MinePosts(_published).Include(p => p.Comments).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(comments.Where(c => posts.Any(p => p.Id == c.PostId)).Select(c => c.Id).Order(), loaded.SelectMany(p => p.Comments).Select(c => c.Id).Order());
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task IgnoreFilters_lifts_the_filter_for_one_query_including_its_relations(LoadStrategy strategy)
    {
        var all = await AllPostsAsync();
        Assert.Equal(all.Count, await MinePosts(_published).IgnoreFilters().CountAsync());
        var users = await MineUsers(_published).IgnoreFilters().Include(u => u.Posts).RelationLoadStrategy(strategy).ToListAsync();
        Assert.Equal(_users.Select(id => all.Count(p => p.AuthorId == id)), users.Select(u => u.Posts.Count));
        Assert.Equal((await VisiblePostsAsync()).Count, await MinePosts(_published).CountAsync());

        // On a client without filters it changes nothing.
        Assert.Equal(all.Count, await MinePosts(fixture.Db).IgnoreFilters().CountAsync());
    }

    [Fact]
    public async Task Transactions_started_on_an_extended_client_keep_its_filters()
    {
        var visible = (await VisiblePostsAsync()).Count;
        var counted = await _published.TransactionAsync(tx => MinePosts(tx).CountAsync());
        Assert.Equal(visible, counted);

        var (list, count) = await _published.TransactionAsync(Batch.ToList(MinePosts(_published).Select(p => p.Id)), Batch.Count(MinePosts(_published)));
        Assert.Equal(visible, list.Count);
        Assert.Equal(visible, count);
    }

    [Fact]
    public async Task Two_clients_with_different_filters_in_parallel_never_share_a_plan()
    {
        var all = await AllPostsAsync();
        var drafts = fixture.Db.WithExtensions(x => x.Filter<Post>(p => !p.Published));
        var tasks = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? MinePosts(_published).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()
            : MinePosts(drafts).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()).ToList();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(all.Where(p => p.Published == (i % 2 == 0)).Select(p => p.Id), results[i]);
        }
    }

    [Fact]
    public async Task A_filters_captured_values_are_parameters_so_clients_share_one_plan()
    {
        var all = await AllPostsAsync();
        var results = new List<List<int>>();
        fixture.Db.QueryCache.Clear();
        foreach (var author in _users.Take(3))
        {
            var tenant = fixture.Db.WithExtensions(x => x.Filter<Post>(p => p.AuthorId == author));
            results.Add(await tenant.Posts.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        }

        Assert.Equal(_users.Take(3).Select(id => all.Where(p => p.AuthorId == id).Select(p => p.Id)), results);
        Assert.Equal(1, fixture.Db.QueryCache.Misses);
        Assert.Equal(2, fixture.Db.QueryCache.Hits);
    }

    [Fact]
    public async Task Two_filters_on_one_model_are_joined_with_and_and_extending_an_extended_client_adds_to_it()
    {
        var visible = await VisiblePostsAsync();
        var narrower = _published.WithExtensions(x => x.Filter<Post>(p => p.Title.EndsWith("1")));
        Assert.Equal(visible.Where(p => p.Title.EndsWith('1')).Select(p => p.Id), await MinePosts(narrower).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(visible.Select(p => p.Id), await MinePosts(_published).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
    }
    [Fact]
    public async Task A_captured_query_keeps_the_filters_of_the_client_that_built_it()
    {
        var posts = await VisiblePostsAsync();
        var authors = _published.Posts.Select(p => p.AuthorId);
        var ids = await MineUsers(_published).Where(u => authors.Any(a => a == u.Id)).Select(u => u.Id).ToListAsync();
        Assert.Equal(_users.Where(id => posts.Any(p => p.AuthorId == id)), ids);

        // Built from the original client, it keeps that client's (absent) filters: every post counts.
        var all = await AllPostsAsync();
        var plain = fixture.Db.Posts.Select(p => p.AuthorId);
        Assert.Equal(_users.Where(id => all.Any(p => p.AuthorId == id)), await MineUsers(_published).Where(u => plain.Any(a => a == u.Id)).Select(u => u.Id).ToListAsync());
    }

    [Fact]
    public async Task IgnoreFilters_inside_a_sub_query_is_refused_before_any_sql()
    {
        var db = _published;
        await Assert.ThrowsAsync<QueryTranslationException>(() => MineUsers(db).Where(u => db.Posts.IgnoreFilters().Any(p => p.AuthorId == u.Id)).ToListAsync());
    }

    [Fact]
    public async Task The_original_client_inside_a_transaction_of_the_extended_one_is_the_outer_client_mistake()
    {
        await Assert.ThrowsAsync<OuterClientInTransactionException>(() => _published.TransactionAsync(async tx =>
        {
            await tx.Posts.CountAsync();
            return await fixture.Db.Posts.CountAsync();
        }));
    }

    [Fact]
    public async Task A_transactions_client_can_be_extended_and_stays_on_the_transaction()
    {
        var visible = (await VisiblePostsAsync()).Count;
        var counted = await fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Posts.CreateAsync(new() { Title = "in-tx", AuthorId = _users[0], Published = true });
            var extended = tx.WithExtensions(x => x.Filter<Post>(p => p.Published));
            var inside = await MinePosts(extended).CountAsync();
            throw new InvalidOperationException(inside.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }).ContinueWith(t => t.Exception!.InnerException!.Message, TaskScheduler.Default);
        Assert.Equal((visible + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), counted);
        Assert.Equal(visible, await MinePosts(_published).CountAsync());
    }
}
