using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// GroupBy with aggregate projections, composite keys, HAVING and ordering by the key, against LINQ-to-Objects.
/// Unordered group results are compared sorted by key; anonymous results compare by value.
/// </summary>
public sealed class GroupByTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    private static void SameGroups<T>(string name, IEnumerable<T> expected, IEnumerable<T> actual, Func<T, string> key, string sql) =>
        // Value equality (anonymous types compare members with Equals: 1.50m equals 1.500m).
        QueryCheck.Same(name, expected.OrderBy(key, StringComparer.Ordinal), actual.OrderBy(key, StringComparer.Ordinal), sql);

    [Fact]
    public async Task Count_and_conditional_count_per_author()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count(), Published = g.Count(p => p.Published) });
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count(), Published = g.Count(p => p.Published) });
        SameGroups("GroupBy(authorId).Select(Key, Count, Count(published))", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Composite_key()
    {
        var query = _f.Db.Posts.GroupBy(p => new { p.AuthorId, p.Published }).Select(g => new { g.Key.AuthorId, g.Key.Published, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => new { p.AuthorId, p.Published }).Select(g => new { g.Key.AuthorId, g.Key.Published, Count = g.Count() });
        SameGroups("GroupBy(new { authorId, published })", expected, await QueryCheck.ListAsync(query), x => x.AuthorId.ToString("D5") + x.Published, QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Composite_key_selected_whole()
    {
        var query = _f.Db.Posts.GroupBy(p => new { p.AuthorId, p.Published }).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => new { p.AuthorId, p.Published }).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("GroupBy(new { authorId, published }).Select(g.Key)", expected, await QueryCheck.ListAsync(query), x => x.Key.AuthorId.ToString("D5") + x.Key.Published, QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Sum_Min_Max_Average_in_the_projection()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => new
        {
            g.Key,
            Sum = g.Sum(p => p.Id),
            Min = g.Min(p => p.Id),
            Max = g.Max(p => p.Id),
            First = g.Min(p => p.CreatedAt),
            Last = g.Max(p => p.CreatedAt),
        });
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Select(g => new
        {
            g.Key,
            Sum = g.Sum(p => p.Id),
            Min = g.Min(p => p.Id),
            Max = g.Max(p => p.Id),
            First = g.Min(p => p.CreatedAt),
            Last = g.Max(p => p.CreatedAt),
        });
        SameGroups("GroupBy(authorId) Sum/Min/Max", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Average_in_the_projection()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Average = g.Average(p => p.Id) });
        var actual = (await QueryCheck.ListAsync(query)).ToDictionary(x => x.Key, x => x.Average);
        var expected = _f.Posts.GroupBy(p => p.AuthorId).ToDictionary(g => g.Key, g => g.Average(p => p.Id));
        QueryCheck.SameSet("GroupBy(authorId) keys", expected.Keys, actual.Keys, QueryCheck.Sql(query));
        foreach (var (key, value) in expected)
        {
            QueryCheck.Close("Average for author " + key, value, actual[key], QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Decimal_aggregates_per_sign()
    {
        var query = _f.Db.Accounts.GroupBy(a => a.Balance < 0).Select(g => new { Negative = g.Key, Sum = g.Sum(a => a.Balance), Count = g.Count(), Max = g.Max(a => a.Balance) });
        var expected = _f.Accounts.GroupBy(a => a.Balance < 0).Select(g => new { Negative = g.Key, Sum = g.Sum(a => a.Balance), Count = g.Count(), Max = g.Max(a => a.Balance) });
        SameGroups("Accounts.GroupBy(balance < 0)", expected, await QueryCheck.ListAsync(query), x => x.Negative.ToString(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Having_count_greater_than_two()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count() > 2).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count() > 2).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("GroupBy(authorId).Where(Count() > 2)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Having_on_conditional_count_and_key()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count(p => !p.Published) >= 1 && g.Key > 3).Select(g => g.Key);
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count(p => !p.Published) >= 1 && g.Key > 3).Select(g => g.Key);
        QueryCheck.SameSet("GroupBy(authorId).Where(Count(!published) >= 1 && Key > 3).Select(Key)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Having_on_sum()
    {
        var query = _f.Db.Comments.GroupBy(c => c.PostId).Where(g => g.Sum(c => c.Id) > 200).Select(g => new { g.Key, Sum = g.Sum(c => c.Id) });
        var expected = _f.Comments.GroupBy(c => c.PostId).Where(g => g.Sum(c => c.Id) > 200).Select(g => new { g.Key, Sum = g.Sum(c => c.Id) });
        SameGroups("Comments.GroupBy(postId).Where(Sum(id) > 200)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task OrderBy_key()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).OrderBy(g => g.Key).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.AuthorId).OrderBy(g => g.Key).Select(g => new { g.Key, Count = g.Count() });
        QueryCheck.Same("GroupBy(authorId).OrderBy(Key)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task OrderByDescending_count_then_key_after_select()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).ThenBy(x => x.Key);
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).ThenBy(x => x.Key);
        QueryCheck.Same("GroupBy(authorId).Select(...).OrderByDescending(Count).ThenBy(Key)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task OrderBy_composite_key_members_then_Take()
    {
        var query = _f.Db.Posts.GroupBy(p => new { p.AuthorId, p.Published }).OrderBy(g => g.Key.AuthorId).ThenByDescending(g => g.Key.Published)
            .Select(g => new { g.Key.AuthorId, g.Key.Published, Count = g.Count() }).Take(7);
        var expected = _f.Posts.GroupBy(p => new { p.AuthorId, p.Published }).OrderBy(g => g.Key.AuthorId).ThenByDescending(g => g.Key.Published)
            .Select(g => new { g.Key.AuthorId, g.Key.Published, Count = g.Count() }).Take(7);
        QueryCheck.Same("GroupBy(composite).OrderBy(Key.AuthorId).ThenByDescending(Key.Published).Take(7)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_navigation_member()
    {
        var query = _f.Db.Posts.GroupBy(p => p.Author!.Role).Select(g => new { Role = g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.Author!.Role).Select(g => new { Role = g.Key, Count = g.Count() });
        SameGroups("GroupBy(author.Role)", expected, await QueryCheck.ListAsync(query), x => x.Role.ToString(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_nullable_column_has_a_null_group()
    {
        var query = _f.Db.Posts.GroupBy(p => p.Content).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.Content).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("GroupBy(content)", expected, await QueryCheck.ListAsync(query), x => x.Key ?? "\u0001null", QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_computed_key()
    {
        var query = _f.Db.Posts.GroupBy(p => p.CreatedAt.Year).Select(g => new { Year = g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.CreatedAt.Year).Select(g => new { Year = g.Key, Count = g.Count() });
        SameGroups("GroupBy(createdAt.Year)", expected, await QueryCheck.ListAsync(query), x => x.Year.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_arithmetic_key_with_a_literal()
    {
        var query = _f.Db.Posts.GroupBy(p => p.Id % 3).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.Id % 3).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("GroupBy(id % 3)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_comparison_key_with_a_captured_value()
    {
        var y2k = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var query = _f.Db.Posts.GroupBy(p => p.CreatedAt >= y2k).Select(g => new { Modern = g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.CreatedAt >= y2k).Select(g => new { Modern = g.Key, Count = g.Count() });
        SameGroups("GroupBy(createdAt >= y2k)", expected, await QueryCheck.ListAsync(query), x => x.Modern.ToString(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_string_function_key()
    {
        var query = _f.Db.Users.GroupBy(u => u.Email.Substring(0, 1)).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Users.GroupBy(u => u.Email.Substring(0, 1)).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("GroupBy(email.Substring(0, 1))", expected, await QueryCheck.ListAsync(query), x => x.Key, QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Parameterized_key_with_captured_having_and_order()
    {
        var modulo = 4;
        var min = 15;
        var query = _f.Db.Posts.GroupBy(p => p.Id % modulo).Where(g => g.Count() >= min && g.Key != 0).OrderByDescending(g => g.Key).Select(g => new { g.Key, Count = g.Count(), Max = g.Max(p => p.Id) });
        var expected = _f.Posts.GroupBy(p => p.Id % modulo).Where(g => g.Count() >= min && g.Key != 0).OrderByDescending(g => g.Key).Select(g => new { g.Key, Count = g.Count(), Max = g.Max(p => p.Id) });
        QueryCheck.Same("GroupBy(id % modulo).Where(Count() >= min && Key != 0).OrderByDescending(Key)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Count_and_First_over_grouped_projection()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count() > 2).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count() > 2).Select(g => new { g.Key, Count = g.Count() }).ToList();
        QueryCheck.Equal("HAVING groups CountAsync", expected.Count, await query.CountAsync(), QueryCheck.Sql(query));
        QueryCheck.Equal("HAVING groups OrderBy(Key).FirstAsync", expected.OrderBy(x => x.Key).First(), await query.OrderBy(x => x.Key).FirstAsync(), QueryCheck.Sql(query.OrderBy(x => x.Key)));
        QueryCheck.Equal("HAVING groups AnyAsync(Count > 10)", expected.Any(x => x.Count > 10), await query.AnyAsync(x => x.Count > 10));
    }

    [Fact]
    public async Task Group_by_navigation_member_ordered_by_key_descending()
    {
        var query = _f.Db.Comments.GroupBy(c => c.Post!.Author!.Email).OrderByDescending(g => g.Key).Select(g => new { Email = g.Key, Count = g.Count() });
        var expected = _f.Comments.GroupBy(c => c.Post!.Author!.Email).OrderByDescending(g => g.Key, QueryCheck.CodePoint).Select(g => new { Email = g.Key, Count = g.Count() });
        QueryCheck.Same("Comments.GroupBy(post.Author.Email).OrderByDescending(Key)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Group_by_enum_key()
    {
        var query = _f.Db.Users.GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count(), Named = g.Count(u => u.Name != null) });
        var expected = _f.Users.GroupBy(u => u.Role).Select(g => new { g.Key, Count = g.Count(), Named = g.Count(u => u.Name != null) });
        SameGroups("Users.GroupBy(role)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Where_before_GroupBy()
    {
        var query = _f.Db.Posts.Where(p => p.Content != null).GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count() });
        var expected = _f.Posts.Where(p => p.Content != null).GroupBy(p => p.AuthorId).Select(g => new { g.Key, Count = g.Count() });
        SameGroups("Where(content != null).GroupBy(authorId)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString("D5"), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Number_of_groups()
    {
        var query = _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => g.Key);
        QueryCheck.Equal("GroupBy(authorId).Select(Key).CountAsync()", _f.Posts.GroupBy(p => p.AuthorId).Count(), await query.CountAsync(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Nullable_sum_and_average_per_group()
    {
        var query = _f.Db.TypeSamples.GroupBy(t => t.Bool).Select(g => new { g.Key, Sum = g.Sum(t => t.IntN), Max = g.Max(t => t.IntN), Count = g.Count(t => t.IntN != null) });
        var expected = _f.TypeSamples.GroupBy(t => t.Bool).Select(g => new { g.Key, Sum = g.Sum(t => t.IntN), Max = g.Max(t => t.IntN), Count = g.Count(t => t.IntN != null) });
        SameGroups("TypeSamples.GroupBy(bool) Sum/Max(intN)", expected, await QueryCheck.ListAsync(query), x => x.Key.ToString(), QueryCheck.Sql(query));
    }
}
