using Linq.Provider.Tests.Models;
using Linq.Querying;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// A list query whose <c>LIMIT</c> is one <c>Take</c> count allocates its result list at that size (<see cref="RowCapacity"/>,
/// at most <see cref="RowCapacity.Max"/>): the rows must be exactly LINQ-to-Objects' over rows read with plain Npgsql
/// for every count (negative, zero, fewer and more rows than the count, beyond the cap), for inline and compiled
/// queries, with projections, skips, relations of both load strategies, and two counts in a row on one cached plan.
/// </summary>
public sealed class ListCapacityTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly CompiledListQuery<TestDb, int, int, Comment> CommentPage =
        CompiledQuery.CreateList((TestDb db, int skip, int take) => db.Comments.OrderBy(c => c.Id).Skip(skip).Take(take));

    public static TheoryData<int> Counts => [-1, 0, 1, 3, 10, 31, 127, 128, 129, 140, 500];

    [Theory, MemberData(nameof(Counts))]
    public async Task Filter_order_skip_take_projection_returns_the_rows_and_sizes_the_list_once(int take)
    {
        var rows = await fixture.Db.Users
            .Where(u => u.Email.Contains("e"))
            .OrderBy(u => u.Id)
            .Skip(2)
            .Take(take)
            .Select(u => new { u.Id, u.Email, u.Name })
            .ToListAsync();

        var expected = fixture.Users.Where(u => u.Email.Contains('e')).OrderBy(u => u.Id).Skip(2).Take(take).Select(u => new { u.Id, u.Email, u.Name }).ToList();
        Assert.Equal(expected, rows);
        AssertSized(take, rows);
    }

    [Theory, MemberData(nameof(Counts))]
    public async Task More_rows_than_the_cap_grow_the_list_as_usual(int take)
    {
        // 150 comments: counts beyond RowCapacity.Max read more rows than the list was sized for.
        var rows = await fixture.Db.Comments.OrderBy(c => c.Id).Take(take).ToListAsync();
        var compiled = await CommentPage.ToListAsync(fixture.Db, 0, take);

        var expected = fixture.Comments.OrderBy(c => c.Id).Take(take).Select(c => (c.Id, c.Text, c.PostId)).ToList();
        Assert.Equal(expected, rows.Select(c => (c.Id, c.Text, c.PostId)));
        Assert.Equal(expected, compiled.Select(c => (c.Id, c.Text, c.PostId)));
        AssertSized(take, rows);
        AssertSized(take, compiled);
    }

    [Fact]
    public async Task One_cached_plan_sizes_each_execution_by_its_own_count()
    {
        foreach (var take in new[] { 5, 40, 2, 140, 0, 7 })
        {
            foreach (var skip in new[] { 0, 145 })
            {
                var rows = await CommentPage.ToListAsync(fixture.Db, skip, take);
                var inline = await fixture.Db.Comments.OrderBy(c => c.Id).Skip(skip).Take(take).ToListAsync();

                var expected = fixture.Comments.OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => c.Id).ToList();
                Assert.Equal(expected, rows.Select(c => c.Id));
                Assert.Equal(expected, inline.Select(c => c.Id));
                AssertSized(take, rows);
                AssertSized(take, inline);
            }
        }
    }

    [Fact]
    public async Task A_limit_that_is_not_one_count_keeps_the_default_growth()
    {
        // Take(a).Take(b) is LIMIT LEAST($1, $2): no single count to size by, the rows are the same.
        var rows = await fixture.Db.Users.OrderBy(u => u.Id).Take(20).Take(6).ToListAsync();
        var skipped = await fixture.Db.Users.OrderBy(u => u.Id).Take(20).Skip(17).ToListAsync();

        Assert.Equal(fixture.Users.OrderBy(u => u.Id).Take(20).Take(6).Select(u => u.Id), rows.Select(u => u.Id));
        Assert.Equal(fixture.Users.OrderBy(u => u.Id).Take(20).Skip(17).Select(u => u.Id), skipped.Select(u => u.Id));
        Assert.NotEqual(6, rows.Capacity);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Paged_rows_with_included_posts_are_the_rows_and_their_posts(LoadStrategy strategy)
    {
        foreach (var take in new[] { 0, 4, 12, 200 })
        {
            var users = await fixture.Db.Users.OrderBy(u => u.Id).Skip(3).Take(take).Include(u => u.Posts, strategy).ToListAsync();

            var expected = fixture.Users.OrderBy(u => u.Id).Skip(3).Take(take).ToList();
            Assert.Equal(expected.Select(u => u.Id), users.Select(u => u.Id));
            Assert.Equal(
                expected.Select(u => string.Join(",", u.Posts.OrderBy(p => p.Id).Select(p => p.Id))),
                users.Select(u => string.Join(",", u.Posts.OrderBy(p => p.Id).Select(p => p.Id))));
            if (strategy == LoadStrategy.Query)
            {
                // The batch's root statement is the plain page, sized by its count like any list query.
                AssertSized(take, users);
            }
        }
    }

    // Sized once at the count (clamped to [0, Max]) when the rows fit; grown past it otherwise.
    private static void AssertSized<T>(int take, List<T> rows)
    {
        var size = Math.Clamp(take, 0, RowCapacity.Max);
        if (rows.Count <= size)
        {
            Assert.Equal(size, rows.Capacity);
        }
        else
        {
            Assert.True(rows.Capacity >= rows.Count);
        }
    }
}
