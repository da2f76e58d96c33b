using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <see cref="CompiledQuery"/>: every compiled query is run over several argument values and compared with rows read by
/// plain Npgsql (LINQ-to-Objects over them) and with the same query written inline.
/// </summary>
public sealed class CompiledQueryTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly CompiledQuery<TestDb, string, User?> ByEmail =
        CompiledQuery.Create((TestDb db, string email) => db.Users.FirstOrDefault(u => u.Email == email));

    private static readonly CompiledListQuery<TestDb, string?, User> ByName =
        CompiledQuery.CreateList((TestDb db, string? name) => db.Users.Where(u => u.Name == name).OrderBy(u => u.Id));

    private static readonly CompiledListQuery<TestDb, string, int, int, UserCard> Page =
        CompiledQuery.CreateList((TestDb db, string prefix, int skip, int take) => db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserCard { Id = u.Id, Email = u.Email, Name = u.Name }));

    private static readonly CompiledQuery<TestDb, int, int> PostCount =
        CompiledQuery.Create((TestDb db, int author) => db.Posts.Count(p => p.AuthorId == author));

    private static readonly CompiledQuery<TestDb, int, bool, int?> LatestPost =
        CompiledQuery.Create((TestDb db, int author, bool published) => db.Posts.Where(p => p.AuthorId == author && p.Published == published).Max(p => (int?)p.Id));

    private static readonly CompiledListQuery<TestDb, Role, int> IdsByRole =
        CompiledQuery.CreateList((TestDb db, Role role) => db.Users.Where(u => u.Role == role).OrderBy(u => u.Id).Select(u => u.Id));

    private static readonly CompiledQuery<TestDb, long> AllUsers = CompiledQuery.Create((TestDb db) => db.Users.LongCount());

    private static readonly CompiledListQuery<TestDb, int, User> WithPostsJoin =
        CompiledQuery.CreateList((TestDb db, int id) => db.Users.Where(u => u.Id <= id).OrderBy(u => u.Id).Include(u => u.Posts, LoadStrategy.Join));

    private static readonly CompiledListQuery<TestDb, int, User> WithPostsQuery =
        CompiledQuery.CreateList((TestDb db, int id) => db.Users.Where(u => u.Id <= id).OrderBy(u => u.Id).Include(u => u.Posts, LoadStrategy.Query));

    private static readonly CompiledListQuery<TestDb, int, User> WithPostsDefault =
        CompiledQuery.CreateList((TestDb db, int id) => db.Users.Where(u => u.Id <= id).OrderBy(u => u.Id).Include(u => u.Posts));

    private static readonly CompiledListQuery<TestDb, int, int> WithSubquery =
        CompiledQuery.CreateList((TestDb db, int minimum) => db.Users.Where(u => db.Posts.Count(p => p.AuthorId == u.Id) >= minimum).OrderBy(u => u.Id).Select(u => u.Id));

    public sealed class UserCard
    {
        public int Id { get; init; }
        public string Email { get; init; } = "";
        public string? Name { get; init; }
    }

    [Fact]
    public async Task Find_by_email_equals_plain_rows_and_the_inline_query_for_several_values()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        var emails = stored.Users.Select(u => u.Email).Take(6).Append("missing@nowhere.example").ToList();
        foreach (var email in emails)
        {
            var compiled = await ByEmail.RunAsync(fixture.Db, email);
            var inline = await fixture.Db.Users.FirstOrDefaultAsync(u => u.Email == email);
            var expected = stored.Users.FirstOrDefault(u => u.Email == email);
            Assert.Equal(expected?.Id, compiled?.Id);
            Assert.Equal(expected?.Name, compiled?.Name);
            Assert.Equal(inline?.Id, compiled?.Id);
        }
    }

    [Fact]
    public async Task A_null_argument_takes_the_IS_NULL_plan_and_a_value_the_equality_plan()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        var names = stored.Users.Select(u => u.Name).Distinct().Take(5).Prepend(null).Append("nobody at all").ToList();
        Assert.Contains(null, stored.Users.Select(u => u.Name));
        foreach (var name in names.Concat(names))
        {
            var compiled = await ByName.ToListAsync(fixture.Db, name);
            Assert.Equal(stored.Users.Where(u => u.Name == name).OrderBy(u => u.Id).Select(u => u.Id), compiled.Select(u => u.Id));
            Assert.Equal((await fixture.Db.Users.Where(u => u.Name == name).OrderBy(u => u.Id).ToListAsync()).Select(u => u.Id), compiled.Select(u => u.Id));
        }
    }

    [Theory]
    [InlineData("u", 0, 5)]
    [InlineData("u", 3, 4)]
    [InlineData("", 10, 100)]
    [InlineData("%", 0, 10)]
    [InlineData("zz-none", 0, 3)]
    public async Task Filter_order_offset_projection_equals_plain_rows(string prefix, int skip, int take)
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        var compiled = await Page.ToListAsync(fixture.Db, prefix, skip, take);
        var expected = stored.Users.Where(u => u.Email.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(u => u.Id).Skip(skip).Take(take).ToList();
        Assert.Equal(expected.Select(u => (u.Id, u.Email, u.Name)), compiled.Select(u => (u.Id, u.Email, u.Name)));
    }

    [Fact]
    public async Task Aggregates_equal_plain_rows()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        Assert.Equal(stored.Users.Count, await AllUsers.RunAsync(fixture.Db));
        foreach (var author in stored.Users.Select(u => u.Id).Take(8).Append(-1))
        {
            Assert.Equal(stored.Posts.Count(p => p.AuthorId == author), await PostCount.RunAsync(fixture.Db, author));
            foreach (var published in new[] { true, false })
            {
                Assert.Equal(stored.Posts.Where(p => p.AuthorId == author && p.Published == published).Max(p => (int?)p.Id),
                    await LatestPost.RunAsync(fixture.Db, author, published));
            }
        }
    }

    [Fact]
    public async Task An_enum_argument_compared_through_its_underlying_type()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        foreach (var role in new[] { Role.Admin, Role.User, Role.Admin })
        {
            Assert.Equal(stored.Users.Where(u => u.Role == role.ToString()).Select(u => u.Id), await IdsByRole.ToListAsync(fixture.Db, role));
        }
    }

    [Fact]
    public async Task Include_with_both_load_strategies_and_a_table_inside_a_lambda()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        foreach (var last in stored.Users.Select(u => u.Id).Where((_, i) => i is 0 or 3 or 9))
        {
            var expected = stored.Users.Where(u => u.Id <= last).OrderBy(u => u.Id)
                .Select(u => (u.Id, Posts: string.Join(",", stored.Posts.Where(p => p.AuthorId == u.Id).Select(p => p.Id).Order())))
                .ToList();
            foreach (var query in new[] { WithPostsJoin, WithPostsQuery })
            {
                var users = await query.ToListAsync(fixture.Db, last);
                Assert.Equal(expected, users.Select(u => (u.Id, Posts: string.Join(",", u.Posts.Select(p => p.Id).Order()))));
            }
        }

        foreach (var minimum in new[] { 0, 2, 4 })
        {
            Assert.Equal(stored.Users.Where(u => stored.Posts.Count(p => p.AuthorId == u.Id) >= minimum).Select(u => u.Id),
                await WithSubquery.ToListAsync(fixture.Db, minimum));
        }
    }

    [Fact]
    public async Task Runs_in_a_transaction_and_on_an_extended_client_with_its_filters()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        var email = stored.Users[2].Email;
        var found = await fixture.Db.TransactionAsync(async tx => await ByEmail.RunAsync(tx, email));
        Assert.Equal(stored.Users[2].Id, found?.Id);

        // LoadStrategy.Query inside a transaction: the follow-up statement runs in the transaction, in the same round trip.
        var last = stored.Users[5].Id;
        // The default strategy there loads in the rows' own statement (one snapshot under READ COMMITTED).
        foreach (var query in new[] { WithPostsQuery, WithPostsDefault })
        {
            var users = await fixture.Db.TransactionAsync(async tx => await query.ToListAsync(tx, last));
            Assert.Equal(stored.Users.Where(u => u.Id <= last).Select(u => (u.Id, stored.Posts.Count(p => p.AuthorId == u.Id))),
                users.Select(u => (u.Id, u.Posts.Count)));
            Assert.Equal(stored.Users.Where(u => u.Id <= last).Select(u => (u.Id, stored.Posts.Count(p => p.AuthorId == u.Id))),
                (await query.ToListAsync(fixture.Db, last)).Select(u => (u.Id, u.Posts.Count)));
        }

        // The extended client's global filter applies to the compiled query as to any query of its.
        var published = fixture.Db.WithExtensions(x => x.Filter<Post>(p => p.Published));
        foreach (var author in stored.Users.Select(u => u.Id).Take(5))
        {
            Assert.Equal(stored.Posts.Count(p => p.AuthorId == author && p.Published), await PostCount.RunAsync(published, author));
            Assert.Equal(stored.Posts.Count(p => p.AuthorId == author), await PostCount.RunAsync(fixture.Db, author));
        }
    }

    [Fact]
    public async Task Compiled_and_inline_queries_share_one_plan()
    {
        var stored = await StoredRows.LoadAsync(fixture.ConnectionString);
        var first = stored.Users[0].Email;
        var byEmail = CompiledQuery.Create((TestDb db, string email) => db.Users.Where(u => u.Email == email).FirstOrDefault());
        await fixture.Db.Users.Where(u => u.Email == first).FirstOrDefaultAsync();
        var misses = fixture.Db.QueryCache.Misses;
        foreach (var user in stored.Users.Take(4))
        {
            Assert.Equal(user.Id, (await byEmail.RunAsync(fixture.Db, user.Email))?.Id);
        }

        Assert.Equal(misses, fixture.Db.QueryCache.Misses);
    }

    [Fact]
    public void An_argument_inside_a_computed_value_is_refused_with_advice()
    {
        var error = Assert.Throws<QueryTranslationException>(() =>
            CompiledQuery.Create((TestDb db, string email) => db.Users.FirstOrDefault(u => u.Email == email.Trim())));
        Assert.Contains("'email'", error.Message);
        Assert.Contains("compute the value before the call", error.Message);

        var page = Assert.Throws<QueryTranslationException>(() =>
            CompiledQuery.CreateList((TestDb db, int page, int size) => db.Users.OrderBy(u => u.Id).Skip(page * size).Take(size)));
        Assert.Contains("'page'", page.Message);
    }

    [Fact]
    public void Bodies_that_are_not_queries_and_other_uses_of_the_client_are_refused()
    {
        var member = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.Create((TestDb db, string email) => db.Users.First(u => u.Email == email).Name));
        Assert.Contains("must end in an operator that returns one value", member.Message);

        var enumerable = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.Create((TestDb db, int id) => db.Users.Where(u => u.Id == id).ToList()));
        Assert.Contains("must end in an operator", enumerable.Message);

        var list = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.Create((TestDb db, int id) => db.Users.Where(u => u.Id == id)));
        Assert.Contains("CompiledQuery.CreateList", list.Message);

        var client = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.CreateList((TestDb db, int id) => db.Users.Where(u => u.Email == db.Options.ConnectionString)));
        Assert.Contains("only to name a table", client.Message);

        var cached = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.CreateList((TestDb db, int id) => db.Users.Where(u => u.Id == id).Cache(TimeSpan.FromSeconds(5))));
        Assert.Contains(".Cache", cached.Message);

        var query = Assert.Throws<ArgumentException>(() =>
            CompiledQuery.CreateList((TestDb db, IQueryable<int> ids) => db.Users.Where(u => ids.Contains(u.Id))));
        Assert.Contains("is a query", query.Message);
    }

    [Fact]
    public async Task A_null_client_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => ByEmail.RunAsync(null!, "x@x.io"));
    }
}
