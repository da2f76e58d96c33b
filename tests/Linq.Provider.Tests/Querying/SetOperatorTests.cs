using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Union, Concat, Intersect and Except over rows, anonymous projections and scalars (nullable and not), with each side
/// filtered, ordered and paged on its own, and operators after the set operator; expected results are LINQ-to-Objects
/// over the tables read with plain Npgsql.
/// </summary>
public sealed class SetOperatorTests(QueryFixture fixture) : IClassFixture<QueryFixture>, IAsyncLifetime
{
    private readonly QueryFixture _f = fixture;
    private StoredRows _rows = null!;

    public async Task InitializeAsync() => _rows = await StoredRows.LoadAsync(_f.ConnectionString);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Operations => ["Union", "Concat", "Intersect", "Except"];

    private static IQueryable<T> Combine<T>(string operation, IQueryable<T> first, IQueryable<T> second) => operation switch
    {
        "Union" => first.Union(second),
        "Concat" => first.Concat(second),
        "Intersect" => first.Intersect(second),
        "Except" => first.Except(second),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static IEnumerable<T> Combine<T>(string operation, IEnumerable<T> first, IEnumerable<T> second) => operation switch
    {
        "Union" => first.Union(second),
        "Concat" => first.Concat(second),
        "Intersect" => first.Intersect(second),
        "Except" => first.Except(second),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static string Show(string? name) => name ?? "<null>";

    [Theory, MemberData(nameof(Operations))]
    public async Task Rows_of_overlapping_filters(string operation)
    {
        var query = Combine(operation, _f.Db.Users.Where(u => u.Id % 2 == 0), _f.Db.Users.Where(u => u.Id % 3 == 0));
        var expected = Combine(operation, _rows.Users.Where(u => u.Id % 2 == 0), _rows.Users.Where(u => u.Id % 3 == 0));

        var actual = await query.ToListAsync();

        QueryCheck.SameSet(operation, expected.Select(u => u.Id), actual.Select(u => u.Id), QueryCheck.Sql(query));
        var byId = _rows.Users.ToDictionary(u => u.Id);
        Assert.All(actual, u => Assert.Equal((byId[u.Id].Email, byId[u.Id].Name), (u.Email, u.Name)));
    }

    [Theory, MemberData(nameof(Operations))]
    public async Task Nullable_scalars_treat_nulls_as_equal(string operation)
    {
        // Names include three NULLs and case variants: set operators compare them as .NET's default equality does.
        var query = Combine(operation, _f.Db.Users.Where(u => u.Id % 2 == 0).Select(u => u.Name), _f.Db.Users.Where(u => u.Id % 5 != 0).Select(u => u.Name));
        var expected = Combine(operation, _rows.Users.Where(u => u.Id % 2 == 0).Select(u => u.Name), _rows.Users.Where(u => u.Id % 5 != 0).Select(u => u.Name));

        QueryCheck.SameSet(operation, expected.Select(Show), (await query.ToListAsync()).Select(Show), QueryCheck.Sql(query));
    }

    [Theory, MemberData(nameof(Operations))]
    public async Task Anonymous_projections_with_nullable_and_computed_members(string operation)
    {
        var query = Combine(operation,
            _f.Db.Users.Where(u => u.Id < 20).Select(u => new { u.Name, Long = u.Email.Length > 16, Admin = u.Role == Role.Admin }),
            _f.Db.Users.Where(u => u.Id > 10).Select(u => new { u.Name, Long = u.Email.Length > 16, Admin = u.Role == Role.Admin }));
        var expected = Combine(operation,
            _rows.Users.Where(u => u.Id < 20).Select(u => new { u.Name, Long = u.Email.Length > 16, Admin = u.Role == "Admin" }),
            _rows.Users.Where(u => u.Id > 10).Select(u => new { u.Name, Long = u.Email.Length > 16, Admin = u.Role == "Admin" }));

        QueryCheck.SameSet(operation, expected.Select(x => $"{Show(x.Name)}|{x.Long}|{x.Admin}"),
            (await query.ToListAsync()).Select(x => $"{Show(x.Name)}|{x.Long}|{x.Admin}"), QueryCheck.Sql(query));
    }

    [Theory, MemberData(nameof(Operations))]
    public async Task Each_side_ordered_and_paged_on_its_own(string operation)
    {
        var query = Combine(operation,
            _f.Db.Users.OrderBy(u => u.Email).Skip(2).Take(12).Select(u => u.Id),
            _f.Db.Users.OrderByDescending(u => u.Id).Take(15).Select(u => u.Id));
        var expected = Combine(operation,
            _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Skip(2).Take(12).Select(u => u.Id),
            _rows.Users.OrderByDescending(u => u.Id).Take(15).Select(u => u.Id));

        QueryCheck.SameSet(operation, expected, await query.ToListAsync(), QueryCheck.Sql(query));
    }

    [Theory, MemberData(nameof(Operations))]
    public async Task Operators_after_the_set_operator(string operation)
    {
        IQueryable<User> Db() => Combine(operation, _f.Db.Users.Where(u => u.Id <= 24), _f.Db.Users.Where(u => u.Id >= 12));
        IEnumerable<UserRow> Mem() => Combine(operation, _rows.Users.Where(u => u.Id <= 24), _rows.Users.Where(u => u.Id >= 12));

        var where = Db().Where(u => u.Name != null && u.Email.Contains("e")).OrderBy(u => u.Email).Skip(1).Take(6).Select(u => u.Email);
        QueryCheck.Same("where/order/page/select", Mem().Where(u => u.Name != null && u.Email.Contains('e')).OrderBy(u => u.Email, QueryCheck.CodePoint).Skip(1).Take(6).Select(u => u.Email),
            await where.ToListAsync(), QueryCheck.Sql(where));
        QueryCheck.Equal("count", Mem().Count(), await Db().CountAsync());
        QueryCheck.Equal("count(predicate)", Mem().Count(u => u.Name == null), await Db().CountAsync(u => u.Name == null));
        QueryCheck.Equal("long count", Mem().LongCount(), Db().LongCount());
        QueryCheck.Equal("any", Mem().Any(u => u.Id == 13), await Db().AnyAsync(u => u.Id == 13));
        QueryCheck.Equal("sum", Mem().Sum(u => u.Id), Db().Sum(u => u.Id));
        QueryCheck.Equal("max", Mem().Max(u => u.Email.Length), Db().Max(u => u.Email.Length));
        QueryCheck.Equal("first ordered", Mem().OrderByDescending(u => u.Id).First().Id, (await Db().OrderByDescending(u => u.Id).FirstAsync()).Id);
        var distinct = Db().Select(u => u.Role).Distinct();
        QueryCheck.SameSet("distinct roles", Mem().Select(u => u.Role).Distinct(), (await distinct.ToListAsync()).Select(r => r.ToString()), QueryCheck.Sql(distinct));
    }

    [Fact]
    public async Task Concat_keeps_duplicates_and_Distinct_after_it_removes_them()
    {
        var concat = _f.Db.Posts.Where(p => p.Published).Select(p => p.AuthorId).Concat(_f.Db.Posts.Select(p => p.AuthorId));
        var memConcat = _rows.Posts.Where(p => p.Published).Select(p => p.AuthorId).Concat(_rows.Posts.Select(p => p.AuthorId)).ToList();

        QueryCheck.SameSet("concat", memConcat, await concat.ToListAsync(), QueryCheck.Sql(concat));
        QueryCheck.SameSet("concat distinct", memConcat.Distinct(), await concat.Distinct().ToListAsync(), QueryCheck.Sql(concat.Distinct()));
        QueryCheck.Equal("concat count", memConcat.Count, await concat.CountAsync());
        QueryCheck.Equal("concat distinct count", memConcat.Distinct().Count(), await concat.Distinct().CountAsync());
    }

    [Fact]
    public async Task Chained_set_operators_and_a_second_sequence_that_is_a_whole_table()
    {
        var query = _f.Db.Users.Where(u => u.Id < 10).Select(u => u.Id)
            .Union(_f.Db.Users.Where(u => u.Id > 30).Select(u => u.Id))
            .Concat(_f.Db.Users.Where(u => u.Id == 5).Select(u => u.Id))
            .Except(_f.Db.Users.Where(u => u.Id == 3).Select(u => u.Id));
        var expected = _rows.Users.Where(u => u.Id < 10).Select(u => u.Id)
            .Union(_rows.Users.Where(u => u.Id > 30).Select(u => u.Id))
            .Concat(_rows.Users.Where(u => u.Id == 5).Select(u => u.Id))
            .Except(_rows.Users.Where(u => u.Id == 3).Select(u => u.Id));
        QueryCheck.SameSet("chain", expected, await query.ToListAsync(), QueryCheck.Sql(query));

        var table = _f.Db.Users.Where(u => u.Name == null).Concat(_f.Db.Users);
        QueryCheck.SameSet("whole table", _rows.Users.Where(u => u.Name == null).Concat(_rows.Users).Select(u => u.Id), (await table.ToListAsync()).Select(u => u.Id), QueryCheck.Sql(table));
    }

    [Fact]
    public async Task Sides_with_navigations_and_groups()
    {
        var authors = _rows.Users.ToDictionary(u => u.Id);
        var titles = _f.Db.Posts.Where(p => p.Author!.Name == "Ann").Select(p => p.Title).Intersect(_f.Db.Posts.Where(p => p.Published).Select(p => p.Title));
        QueryCheck.SameSet("navigation side", _rows.Posts.Where(p => authors[p.AuthorId].Name == "Ann").Select(p => p.Title).Intersect(_rows.Posts.Where(p => p.Published).Select(p => p.Title)),
            await titles.ToListAsync(), QueryCheck.Sql(titles));

        var groups = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() })
            .Union(_f.Db.Posts.Where(p => p.Published).GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() }));
        var memGroups = _rows.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() })
            .Union(_rows.Posts.Where(p => p.Published).GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() }));
        QueryCheck.SameSet("grouped sides", memGroups.Select(g => $"{g.Key}:{g.N}"), (await groups.ToListAsync()).Select(g => $"{g.Key}:{g.N}"), QueryCheck.Sql(groups));

        var filtered = groups.Where(g => g.N > 2).OrderBy(g => g.Key).ThenBy(g => g.N).Select(g => g.Key);
        QueryCheck.Same("where over combined projections", memGroups.Where(g => g.N > 2).OrderBy(g => g.Key).ThenBy(g => g.N).Select(g => g.Key),
            await filtered.ToListAsync(), QueryCheck.Sql(filtered));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Include_after_the_set_operator_loads_each_rows_relations(LoadStrategy strategy)
    {
        var query = _f.Db.Users.Where(u => u.Id < 6).Union(_f.Db.Users.Where(u => u.Email.StartsWith("a"))).OrderBy(u => u.Id).Skip(1).Take(5)
            .Include(u => u.Posts, strategy);
        var expected = _rows.Users.Where(u => u.Id < 6).Union(_rows.Users.Where(u => u.Email.StartsWith('a'))).OrderBy(u => u.Id).Skip(1).Take(5).ToList();

        var users = await query.ToListAsync();

        QueryCheck.Same("users", expected.Select(u => u.Id), users.Select(u => u.Id), QueryCheck.Sql(query));
        foreach (var user in users)
        {
            QueryCheck.SameSet($"posts of {user.Id}", _rows.Posts.Where(p => p.AuthorId == user.Id).Select(p => p.Id), user.Posts.Select(p => p.Id));
        }
    }

    [Fact]
    public async Task The_second_sequences_values_are_parameters_of_a_cached_plan()
    {
        async Task<List<int>> Run(int below, string start) =>
            await _f.Db.Users.Where(u => u.Id < below).Select(u => u.Id).Union(_f.Db.Users.Where(u => u.Email.StartsWith(start)).Select(u => u.Id)).ToListAsync();
        List<int> Expected(int below, string start) =>
            [.. _rows.Users.Where(u => u.Id < below).Select(u => u.Id).Union(_rows.Users.Where(u => u.Email.StartsWith(start, StringComparison.Ordinal)).Select(u => u.Id))];

        var hits = _f.Db.QueryCache.Hits;
        QueryCheck.SameSet("first values", Expected(4, "a"), await Run(4, "a"));
        QueryCheck.SameSet("second values", Expected(9, "n"), await Run(9, "n"));
        QueryCheck.SameSet("third values", Expected(2, "zz"), await Run(2, "zz"));
        Assert.True(_f.Db.QueryCache.Hits >= hits + 2, "the same shape with other values reuses the plan");
    }

    [Fact]
    public void Refusals_explain_what_to_write_instead()
    {
        var users = _f.Db.Users;
        var mismatch = Assert.Throws<QueryTranslationException>(() => users.Select(u => new Pair { A = u.Name, B = u.Email }).Union(users.Select(u => new Pair { B = u.Email, A = u.Name })).ToList());
        Assert.Contains("same way", mismatch.Message, StringComparison.Ordinal);

        var wholeRow = Assert.Throws<QueryTranslationException>(() => users.Select(u => new { u, u.Id }).Union(users.Select(u => new { u, u.Id })).ToList());
        Assert.Contains("whole rows", wholeRow.Message, StringComparison.Ordinal);

        var local = Assert.Throws<QueryTranslationException>(() => users.Union(new List<User>()).ToList());
        Assert.Contains("local collection", local.Message, StringComparison.Ordinal);

        var rebased = Assert.Throws<QueryTranslationException>(() => users.Select(u => u.Email).Intersect(users.Select(u => u.Email)).MaxBy(e => e.Length));
        Assert.Contains("Select first", rebased.Message, StringComparison.Ordinal);

        var cursor = Assert.Throws<QueryTranslationException>(() => users.Union(users.Where(u => u.Id > 3)).OrderBy(u => u.Id).Cursor(u => u.Id, 5).ToList());
        Assert.Contains("keyset paging", cursor.Message, StringComparison.Ordinal);

        var unordered = Assert.Throws<QueryTranslationException>(() => users.Select(u => u.Id).Union(users.Select(u => u.Id)).ElementAt(1));
        Assert.Contains("OrderBy", unordered.Message, StringComparison.Ordinal);

        var arrays = Assert.Throws<QueryTranslationException>(() => _f.Db.TypeSamples.Select(t => t.Bytes).Union(_f.Db.TypeSamples.Select(t => t.Bytes)).ToList());
        Assert.Contains("by reference", arrays.Message, StringComparison.Ordinal);
    }

    private sealed class Pair
    {
        public string? A { get; set; }

        public string B { get; set; } = "";
    }
}
