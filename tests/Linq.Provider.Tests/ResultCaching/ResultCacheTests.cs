using Linq.Execution.ResultCaching;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Linq.Provider.Tests.ResultCaching;

/// <summary>
/// .Cache(ttl, swr) against a real PostgreSQL and the real HybridCache (services.AddHybridCache()): hits do not touch the
/// database (counted with <see cref="RoundTripCounter"/>), stale entries are served and refreshed, writes through the
/// client invalidate the tables they write, transactions bypass the cache. Expected rows come from plain Npgsql.
/// </summary>
[Collection("statement counting")]
public sealed class ResultCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private ServiceProvider _services = null!;
    private TestDb _db = null!;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddHybridCache().Services
            .AddLinqDatabase<TestDb>(o => o.UseNpgsql(fixture.ConnectionString))
            .BuildServiceProvider();
        _db = _services.GetRequiredService<TestDb>();
        for (var u = 0; u < 3; u++)
        {
            var user = await _db.Users.CreateAsync(new() { Email = $"rc-{_tag}-{u}@x.io", Name = u == 0 ? null : "N" + u });
            for (var p = 0; p < u + 1; p++)
            {
                await _db.Posts.CreateAsync(new() { Title = $"{_tag}-u{u}p{p}", AuthorId = user.Id, Published = p % 2 == 0 });
            }
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private IQueryable<User> Mine(TestDb db) => db.Users.Where(u => u.Email.StartsWith("rc-" + _tag)).OrderBy(u => u.Id);

    private Task<List<string>> ExpectedUsersAsync() => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT u.\"Email\", (SELECT string_agg(p.\"Title\", ',' ORDER BY p.\"Id\") FROM \"Post\" p WHERE p.\"AuthorId\" = u.\"Id\") AS titles FROM \"User\" u WHERE u.\"Email\" LIKE 'rc-{_tag}%' ORDER BY u.\"Id\"",
        r => r.Get<string>("Email") + ":" + (r.Ref<string>("titles") ?? ""));

    private static List<string> Describe(IEnumerable<User> users) =>
        [.. users.Select(u => u.Email + ":" + string.Join(",", u.Posts.OrderBy(p => p.Id).Select(p => p.Title)))];

    private Task PlainInsertPostAsync(string title) => PlainRows.ScalarAsync<int>(fixture.ConnectionString,
        $"INSERT INTO \"Post\" (\"Title\", \"AuthorId\", \"Published\", \"CreatedAt\") SELECT '{title}', \"Id\", false, now() FROM \"User\" WHERE \"Email\" = 'rc-{_tag}-0@x.io' RETURNING \"Id\"");

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task A_hit_within_ttl_does_not_touch_the_database(LoadStrategy strategy)
    {
        var before = await ExpectedUsersAsync();
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var first = await Mine(_db).Include(u => u.Posts).RelationLoadStrategy(strategy).Cache(Long).ToListAsync();
        var statements = counter.Count;
        Assert.True(statements > 0);
        Assert.Equal(before, Describe(first));

        // Another process writes: the cache does not know (the documented consistency line).
        await PlainInsertPostAsync($"{_tag}-outside-{strategy}");
        var second = await Mine(_db).Include(u => u.Posts).RelationLoadStrategy(strategy).Cache(Long).ToListAsync();
        Assert.Equal(statements, counter.Count);
        Assert.Equal(before, Describe(second));
        Assert.NotSame(first, second);

        // The same query without .Cache is another plan and reads the database.
        var uncached = await Mine(_db).Include(u => u.Posts).RelationLoadStrategy(strategy).ToListAsync();
        Assert.Equal(await ExpectedUsersAsync(), Describe(uncached));
        Assert.NotEqual(before, Describe(uncached));
    }

    [Fact]
    public async Task An_extended_client_shares_the_cache()
    {
        var extended = _db.WithExtensions(x => x.Intercept((context, next) => next()));
        var before = await ExpectedUsersAsync();
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        Assert.Equal(before, Describe(await Mine(extended).Include(u => u.Posts).Cache(Long).ToListAsync()));
        var statements = counter.Count;
        Assert.True(statements > 0);
        Assert.Equal(before, Describe(await Mine(extended).Include(u => u.Posts).Cache(Long).ToListAsync()));
        Assert.Equal(statements, counter.Count);
    }

    [Fact]
    public async Task A_caller_gets_its_own_list()
    {
        var first = await Mine(_db).Cache(Long).ToListAsync();
        var count = first.Count;
        first.Clear();
        var second = await Mine(_db).Cache(Long).ToListAsync();
        Assert.Equal(count, second.Count);
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Single_results_and_counts_are_cached_with_paging()
    {
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var posts = _db.Posts.Where(p => p.Title.StartsWith(_tag)).OrderBy(p => p.Title);
        var count = await posts.Cache(Long).CountAsync();
        var page = await posts.Skip(1).Take(2).Cache(Long).ToListAsync();
        var firstPost = await posts.Cache(Long).FirstAsync();
        var statements = counter.Count;
        await PlainInsertPostAsync($"{_tag}-0-new");
        Assert.Equal(count, await posts.Cache(Long).CountAsync());
        Assert.Equal(page.Select(p => p.Id), (await posts.Skip(1).Take(2).Cache(Long).ToListAsync()).Select(p => p.Id));
        Assert.Equal(firstPost.Id, (await posts.Cache(Long).FirstAsync()).Id);
        Assert.Equal(statements, counter.Count);

        var titles = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Title\" FROM \"Post\" WHERE \"Title\" LIKE '{_tag}%'", r => r.Get<string>("Title"));
        Assert.Equal(titles.Count - 1, count);
        Assert.Equal(titles.Where(t => t != $"{_tag}-0-new").Order(StringComparer.Ordinal).Skip(1).Take(2), page.Select(p => p.Title));
    }

    [Fact]
    public async Task A_stale_entry_is_served_and_refreshed_in_the_background()
    {
        var query = () => Mine(_db).Include(u => u.Posts).Cache(TimeSpan.FromMilliseconds(300), staleWhileRevalidate: TimeSpan.FromMinutes(1)).ToListAsync();
        var before = await ExpectedUsersAsync();
        Assert.Equal(before, Describe(await query()));
        await PlainInsertPostAsync($"{_tag}-stale");
        var after = await ExpectedUsersAsync();
        Assert.NotEqual(before, after);
        await Task.Delay(400);

        // Past ttl, within swr: the stale result comes back at once, a refresh starts.
        Assert.Equal(before, Describe(await query()));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string> seen;
        do
        {
            await Task.Delay(50);
            seen = Describe(await query());
        }
        while (seen.SequenceEqual(before) && DateTime.UtcNow < deadline);

        Assert.Equal(after, seen);
    }

    [Fact]
    public async Task An_entry_past_ttl_without_swr_is_read_again()
    {
        var query = () => Mine(_db).Include(u => u.Posts).Cache(TimeSpan.FromMilliseconds(200)).ToListAsync();
        await query();
        await PlainInsertPostAsync($"{_tag}-expired");
        await Task.Delay(400);
        Assert.Equal(await ExpectedUsersAsync(), Describe(await query()));
    }

    public static TheoryData<string> WriteKinds => ["create", "createMany", "update", "updateMany", "upsert", "delete", "deleteMany", "nestedCreate", "executeRaw", "batchTransaction"];

    [Theory]
    [MemberData(nameof(WriteKinds))]
    public async Task A_write_through_the_client_invalidates_the_tables_it_writes(string kind)
    {
        // Users with their posts: the entry is tagged with both tables.
        var query = () => Mine(_db).Include(u => u.Posts).Cache(Long).ToListAsync();
        Assert.Equal(await ExpectedUsersAsync(), Describe(await query()));
        var author = (await _db.Users.FindUniqueAsync(u => u.Email == $"rc-{_tag}-0@x.io"))!;
        switch (kind)
        {
            case "create":
                await _db.Posts.CreateAsync(new() { Title = $"{_tag}-c", AuthorId = author.Id });
                break;
            case "createMany":
                await _db.Posts.CreateManyAsync([new() { Title = $"{_tag}-m1", AuthorId = author.Id }, new() { Title = $"{_tag}-m2", AuthorId = author.Id }]);
                break;
            case "update":
                await _db.Users.UpdateAsync(u => u.Id == author.Id, new() { Email = $"rc-{_tag}-0-renamed@x.io" });
                break;
            case "updateMany":
                await _db.Posts.UpdateManyAsync(p => p.AuthorId == author.Id, new() { Title = $"{_tag}-renamed" });
                break;
            case "upsert":
                await _db.Users.UpsertAsync(u => u.Email == $"rc-{_tag}-9@x.io", create: new() { Email = $"rc-{_tag}-9@x.io" }, update: new() { Name = "x" });
                break;
            case "delete":
                var post = await _db.Posts.FirstAsync(p => p.AuthorId == author.Id);
                await _db.Posts.DeleteAsync(p => p.Id == post.Id);
                break;
            case "deleteMany":
                await _db.Posts.DeleteManyAsync(p => p.AuthorId == author.Id);
                break;
            case "nestedCreate":
                await _db.Users.CreateAsync(new() { Email = $"rc-{_tag}-8@x.io", Posts = new() { Create = [new() { Title = $"{_tag}-nested" }] } });
                break;
            case "executeRaw":
                await _db.ExecuteRawAsync($"UPDATE \"Post\" SET \"Title\" = {_tag + "-raw"} WHERE \"AuthorId\" = {author.Id}");
                break;
            case "batchTransaction":
                await _db.TransactionAsync(
                    Batch.Create(_db.Posts, new PostCreateInput { Title = $"{_tag}-b1", AuthorId = author.Id }),
                    Batch.UpdateMany(_db.Users, u => u.Id == author.Id, new UserUpdateInput { Email = $"rc-{_tag}-0-batched@x.io" }));
                break;
        }

        var expected = await ExpectedUsersAsync();
        Assert.Equal(expected, Describe(await query()));
    }

    [Fact]
    public async Task A_write_in_a_transaction_invalidates_after_commit_and_its_reads_bypass_the_cache()
    {
        var query = () => Mine(_db).Include(u => u.Posts).Cache(Long).ToListAsync();
        await query();
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        await _db.TransactionAsync(async tx =>
        {
            var author = (await tx.Users.FindUniqueAsync(u => u.Email == $"rc-{_tag}-1@x.io"))!;
            await tx.Posts.CreateAsync(new() { Title = $"{_tag}-tx", AuthorId = author.Id });
            var inside = await Mine(tx).Include(u => u.Posts).Cache(Long).ToListAsync();
            Assert.Contains(inside.SelectMany(u => u.Posts), p => p.Title == $"{_tag}-tx"); // read-your-writes: not the cached entry
            var reads = counter.Statements.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal));
            await Mine(tx).Include(u => u.Posts).Cache(Long).ToListAsync();
            Assert.True(counter.Statements.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal)) > reads);
        });

        Assert.Equal(await ExpectedUsersAsync(), Describe(await query()));
    }

    [Fact]
    public async Task Different_values_never_share_an_entry()
    {
        // null and "" print alike; both names exist (user 0 has no name).
        await _db.Users.CreateAsync(new() { Email = $"rc-{_tag}-empty@x.io", Name = "" });
        foreach (var name in new string?[] { null, "", "N1", "N2" })
        {
            var got = await Mine(_db).Where(u => u.Name == name).Cache(Long).Select(u => u.Email).ToListAsync();
            var expected = await PlainRows.ReadAsync(fixture.ConnectionString,
                $"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE 'rc-{_tag}%' AND \"Name\" IS NOT DISTINCT FROM {(name is null ? "NULL" : "'" + name + "'")} ORDER BY \"Id\"",
                r => r.Get<string>("Email"));
            Assert.Equal(expected, got);
            Assert.Single(got);
        }

        // The key itself: values that print alike, types that differ.
        static string? Key(object? value) => CacheKey.Of("db", "h:5432", "SELECT $1", [new NpgsqlParameter { Value = value ?? DBNull.Value }]);
        object?[] values = [1, "1", 1L, null, "", 1.0m, 1.00m, 1.0d, true, "true", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            new[] { 1, 2 }, new[] { 12 }, new[] { "1", "2" }];
        var keys = values.Select(Key).ToList();
        Assert.All(keys, k => Assert.StartsWith("linq:db:", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(Key(42), Key(42));
        Assert.NotEqual(CacheKey.Of("db", "h:5432", "SELECT $1", [new NpgsqlParameter { Value = 1 }]), CacheKey.Of("db", "h:5432", "SELECT $1 + 0", [new NpgsqlParameter { Value = 1 }]));
        Assert.Null(CacheKey.Of("db", "h:5432", "SELECT $1", [new NpgsqlParameter { Value = new object() }]));
    }

    [Fact]
    public async Task Without_a_configured_cache_the_query_fails_before_any_sql()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Mine(db).Cache(Long).ToListAsync());
        Assert.Contains("UseResultCache", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Mine(db).Cache(Long).CountAsync());
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task Streaming_and_pages_refuse_the_cache()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in Mine(_db).Cache(Long).AsAsyncEnumerable())
            {
            }
        });
        Assert.Contains("ToListAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_take_a_cache_and_refuse_a_bad_ttl()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mine(_db).Cache(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mine(_db).Cache(Long, TimeSpan.FromSeconds(-1)));
        Assert.NotNull(_db.Options.ResultCache);
    }
}
