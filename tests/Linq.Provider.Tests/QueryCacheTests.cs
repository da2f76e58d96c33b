using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>The plan cache: one plan per shape, values never baked in, bounded, safe under concurrency.</summary>
public sealed class QueryCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Same_shape_with_different_values_is_one_plan_and_one_sql_text()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var a = await db.Users.CreateAsync(new() { Email = "cache-a@x.io", Name = "A" });
        var b = await db.Users.CreateAsync(new() { Email = "cache-b@x.io", Name = "B" });

        var sqls = new HashSet<string>();
        foreach (var (email, expected) in new[] { ("cache-a@x.io", a.Id), ("cache-b@x.io", b.Id) })
        {
            var min = 0;
            var query = db.Users.Where(u => u.Email == email && u.Id > min).Take(5);
            sqls.Add(query.ToSql());
            Assert.Equal(expected, Assert.Single(await query.ToListAsync()).Id);
        }

        Assert.Single(sqls);
        Assert.Equal(1, db.QueryCache.Count);
        Assert.Equal(1, db.QueryCache.Misses);
        Assert.Equal(3, db.QueryCache.Hits);
    }

    [Fact]
    public async Task Constants_and_closure_values_are_parameters_not_text()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var first = db.Users.Where(u => u.Name == "constant one").ToSql();
        var second = db.Users.Where(u => u.Name == "constant two").ToSql();
        Assert.Equal(first, second);
        Assert.DoesNotContain("constant", first);
        Assert.Equal(1, db.QueryCache.Count);
    }

    [Fact]
    public async Task Null_values_make_their_own_plan()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        string? name = "x";
        var withValue = db.Users.Where(u => u.Name == name).ToSql();
        name = null;
        var withNull = db.Users.Where(u => u.Name == name).ToSql();

        Assert.Contains("= $1", withValue);
        Assert.Contains("IS NULL", withNull);
        Assert.Equal(2, db.QueryCache.Count);
        await db.Users.CreateAsync(new() { Email = "null-plan@x.io" });
        Assert.Contains(await db.Users.Where(u => u.Name == name).ToListAsync(), u => u.Email == "null-plan@x.io");
    }

    [Fact]
    public async Task Different_shapes_never_share()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var id = 1;
        string[] sqls =
        [
            db.Users.Where(u => u.Id == id).ToSql(),
            db.Users.Where(u => u.Id != id).ToSql(),
            db.Users.Where(u => u.Id > id).ToSql(),
            db.Users.Where(u => u.Id == id).OrderBy(u => u.Email).ToSql(),
            db.Users.Where(u => u.Id == id).Select(u => u.Email).ToSql(),
            db.Users.Where(u => u.Email.StartsWith("a")).ToSql(),
            db.Users.Where(u => u.Email.StartsWith("a", StringComparison.OrdinalIgnoreCase)).ToSql(),
            db.Posts.Where(p => p.Id == id).ToSql(),
        ];
        Assert.Equal(sqls.Length, sqls.Distinct().Count());
        Assert.Equal(sqls.Length, db.QueryCache.Count);
        Assert.Equal(0, db.QueryCache.Hits);
    }

    [Fact]
    public async Task Concurrent_first_use_builds_one_correct_plan()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var users = new List<User>();
        for (var i = 0; i < 16; i++)
        {
            users.Add(await db.Users.CreateAsync(new() { Email = $"concurrent-{i}@x.io", Name = "N" + i }));
        }

        using var start = new ManualResetEventSlim();
        var tasks = users.Select(user => Task.Run(async () =>
        {
            start.Wait();
            var email = user.Email;
            return (user.Id, Found: await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(r.Id, r.Found));
        Assert.Equal(1, db.QueryCache.Misses);
        Assert.Equal(15, db.QueryCache.Hits);
        Assert.Equal(1, db.QueryCache.Count);
    }

    [Fact]
    public async Task The_cache_is_bounded()
    {
        await using var db = new TestDb(new LinqDatabaseOptions { QueryCacheSize = 10 }.UseNpgsql(fixture.ConnectionString));
        var queries = new List<IQueryable<User>>
        {
            db.Users.Where(u => u.Id == 1), db.Users.Where(u => u.Id != 1), db.Users.Where(u => u.Id > 1), db.Users.Where(u => u.Id < 1),
            db.Users.Where(u => u.Id >= 1), db.Users.Where(u => u.Id <= 1), db.Users.Where(u => u.Name == "a"), db.Users.Where(u => u.Name != "a"),
            db.Users.Where(u => u.Email == "a"), db.Users.Where(u => u.Email != "a"), db.Users.Where(u => u.Role == Role.Admin),
            db.Users.Where(u => u.Role != Role.Admin), db.Users.OrderBy(u => u.Id), db.Users.OrderBy(u => u.Email),
        };
        foreach (var query in queries)
        {
            _ = query.ToSql();
        }

        Assert.InRange(db.QueryCache.Count, 1, 10);
        Assert.True(db.QueryCache.Evictions >= 4);
        Assert.Equal(queries.Count, db.QueryCache.Misses);

        // Evicted plans are rebuilt and still correct.
        Assert.Equal(queries[0].ToSql(), db.Users.Where(u => u.Id == 7).ToSql());
    }

    [Fact]
    public async Task A_failed_translation_is_not_cached_and_is_reported_again()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<QueryTranslationException>(() => db.Users.Where(u => Local(u.Email)).ToListAsync());
            Assert.Contains("Local", error.Message);
        }

        Assert.Equal(0, db.QueryCache.Count);
    }

    private static bool Local(string value) => value.Length > 3;
}
