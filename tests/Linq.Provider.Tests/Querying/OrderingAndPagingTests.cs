using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Ordering, paging and Distinct. Ordered results are compared in order only under a total order (the id is the
/// last key). Text sorts in the database collation; the test template uses locale C (byte order), so the
/// LINQ-to-Objects side sorts with <see cref="QueryCheck.CodePoint"/>. NULLs sort last ascending in PostgreSQL but
/// first in LINQ-to-Objects: ordering by a nullable column is asserted separately below.
/// </summary>
public sealed class OrderingAndPagingTests(QueryFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    private static readonly IComparer<string?> Text = QueryCheck.CodePoint;

    private async Task Users(string name, IQueryable<User> query, IEnumerable<User> expected) =>
        QueryCheck.Same(name, expected.Select(u => u.Id), (await QueryCheck.ListAsync(query)).Select(u => u.Id), QueryCheck.Sql(query));

    private async Task Posts(string name, IQueryable<Post> query, IEnumerable<Post> expected) =>
        QueryCheck.Same(name, expected.Select(p => p.Id), (await QueryCheck.ListAsync(query)).Select(p => p.Id), QueryCheck.Sql(query));

    [Fact]
    public Task OrderBy_id() => Users("OrderBy(id)", _f.Db.Users.OrderBy(u => u.Id), _f.Users.OrderBy(u => u.Id));

    [Fact]
    public Task OrderByDescending_id() => Users("OrderByDescending(id)", _f.Db.Users.OrderByDescending(u => u.Id), _f.Users.OrderByDescending(u => u.Id));

    [Fact]
    public Task OrderBy_email_byte_order() =>
        Users("OrderBy(email) (C collation)", _f.Db.Users.OrderBy(u => u.Email).ThenBy(u => u.Id), _f.Users.OrderBy(u => u.Email, Text).ThenBy(u => u.Id));

    [Fact]
    public Task OrderByDescending_email() =>
        Users("OrderByDescending(email)", _f.Db.Users.OrderByDescending(u => u.Email), _f.Users.OrderByDescending(u => u.Email, Text));

    [Fact]
    public Task OrderBy_role_ThenByDescending_id() =>
        Users("OrderBy(role).ThenByDescending(id)", _f.Db.Users.OrderBy(u => u.Role).ThenByDescending(u => u.Id), _f.Users.OrderBy(u => u.Role).ThenByDescending(u => u.Id));

    [Fact]
    public Task OrderByDescending_role_ThenBy_email() =>
        Users("OrderByDescending(role).ThenBy(email)", _f.Db.Users.OrderByDescending(u => u.Role).ThenBy(u => u.Email),
            _f.Users.OrderByDescending(u => u.Role).ThenBy(u => u.Email, Text));

    [Fact]
    public Task OrderBy_computed_then_id() =>
        Users("OrderBy(id % 5).ThenBy(id)", _f.Db.Users.OrderBy(u => u.Id % 5).ThenBy(u => u.Id), _f.Users.OrderBy(u => u.Id % 5).ThenBy(u => u.Id));

    [Fact]
    public Task OrderBy_email_length_then_id() =>
        Users("OrderBy(email.Length).ThenBy(id)", _f.Db.Users.OrderBy(u => u.Email.Length).ThenBy(u => u.Id), _f.Users.OrderBy(u => u.Email.Length).ThenBy(u => u.Id));

    [Fact]
    public Task OrderBy_lowered_email() =>
        Users("OrderBy(email.ToLower()).ThenBy(id)", _f.Db.Users.OrderBy(u => u.Email.ToLower()).ThenBy(u => u.Id),
            _f.Users.OrderBy(u => u.Email.ToLower(), Text).ThenBy(u => u.Id));

    [Fact]
    public Task OrderBy_post_count_then_id() =>
        Users("OrderByDescending(posts.Count()).ThenBy(id)", _f.Db.Users.OrderByDescending(u => u.Posts.Count()).ThenBy(u => u.Id),
            _f.Users.OrderByDescending(u => u.Posts.Count()).ThenBy(u => u.Id));

    [Fact]
    public Task OrderBy_bool_then_id_desc() =>
        Posts("OrderBy(published).ThenByDescending(id)", _f.Db.Posts.OrderBy(p => p.Published).ThenByDescending(p => p.Id),
            _f.Posts.OrderBy(p => p.Published).ThenByDescending(p => p.Id));

    [Fact]
    public Task OrderBy_navigation_member_then_id() =>
        Posts("OrderBy(author.Email).ThenBy(id)", _f.Db.Posts.OrderBy(p => p.Author!.Email).ThenBy(p => p.Id),
            _f.Posts.OrderBy(p => p.Author!.Email, Text).ThenBy(p => p.Id));

    [Fact]
    public Task OrderByDescending_navigation_member_then_id() =>
        Posts("OrderByDescending(author.Role).ThenBy(author.Email).ThenBy(id)",
            _f.Db.Posts.OrderByDescending(p => p.Author!.Role).ThenBy(p => p.Author!.Email).ThenBy(p => p.Id),
            _f.Posts.OrderByDescending(p => p.Author!.Role).ThenBy(p => p.Author!.Email, Text).ThenBy(p => p.Id));

    [Fact]
    public Task OrderBy_createdAt_desc_then_id() =>
        Posts("OrderByDescending(createdAt).ThenBy(id)", _f.Db.Posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
            _f.Posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id));

    [Fact]
    public Task OrderBy_title_then_id() =>
        Posts("OrderBy(title).ThenBy(id) (C collation, incl. non-BMP)", _f.Db.Posts.OrderBy(p => p.Title).ThenBy(p => p.Id),
            _f.Posts.OrderBy(p => p.Title, Text).ThenBy(p => p.Id));

    [Fact]
    public Task OrderBy_after_where() =>
        Posts("Where(published).OrderBy(createdAt).ThenBy(id)", _f.Db.Posts.Where(p => p.Published).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            _f.Posts.Where(p => p.Published).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id));

    [Fact]
    public Task Where_after_OrderBy() =>
        Posts("OrderBy(createdAt).ThenBy(id).Where(published)", _f.Db.Posts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Where(p => p.Published),
            _f.Posts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Where(p => p.Published));

    /// <summary>
    /// Documented difference: PostgreSQL puts NULLs last ascending (first descending), LINQ-to-Objects puts null
    /// first ascending. Either the provider emulates C# (NULLS FIRST) or it returns PostgreSQL's order; anything
    /// else (non-null part out of order, nulls scattered) is wrong.
    /// </summary>
    [Fact]
    public async Task OrderBy_nullable_name_matches_csharp_or_postgres_null_placement()
    {
        var query = _f.Db.Users.OrderBy(u => u.Name).ThenBy(u => u.Id);
        var actual = (await QueryCheck.ListAsync(query)).Select(u => u.Id).ToList();
        var csharp = _f.Users.OrderBy(u => u.Name, Text).ThenBy(u => u.Id).Select(u => u.Id).ToList();
        var postgres = _f.Users.Where(u => u.Name != null).OrderBy(u => u.Name, Text).ThenBy(u => u.Id)
            .Concat(_f.Users.Where(u => u.Name == null).OrderBy(u => u.Id)).Select(u => u.Id).ToList();
        output.WriteLine("OrderBy(name).ThenBy(id): nulls placed " + (actual.SequenceEqual(csharp) ? "as in C#" : actual.SequenceEqual(postgres) ? "as PostgreSQL does by default" : "neither") + "; sql: " + QueryCheck.Sql(query));
        Assert.True(actual.SequenceEqual(csharp) || actual.SequenceEqual(postgres),
            $"OrderBy(name).ThenBy(id)\n  C#:       [{string.Join(", ", csharp)}]\n  postgres: [{string.Join(", ", postgres)}]\n  actual:   [{string.Join(", ", actual)}]\n  sql: {QueryCheck.Sql(query)}");
    }

    [Fact]
    public async Task OrderByDescending_nullable_name_matches_csharp_or_postgres_null_placement()
    {
        var query = _f.Db.Users.OrderByDescending(u => u.Name).ThenBy(u => u.Id);
        var actual = (await QueryCheck.ListAsync(query)).Select(u => u.Id).ToList();
        var csharp = _f.Users.OrderByDescending(u => u.Name, Text).ThenBy(u => u.Id).Select(u => u.Id).ToList();
        var postgres = _f.Users.Where(u => u.Name == null).OrderBy(u => u.Id)
            .Concat(_f.Users.Where(u => u.Name != null).OrderByDescending(u => u.Name, Text).ThenBy(u => u.Id)).Select(u => u.Id).ToList();
        output.WriteLine("OrderByDescending(name).ThenBy(id): nulls placed " + (actual.SequenceEqual(csharp) ? "as in C#" : actual.SequenceEqual(postgres) ? "as PostgreSQL does by default" : "neither") + "; sql: " + QueryCheck.Sql(query));
        Assert.True(actual.SequenceEqual(csharp) || actual.SequenceEqual(postgres),
            $"OrderByDescending(name).ThenBy(id)\n  C#:       [{string.Join(", ", csharp)}]\n  postgres: [{string.Join(", ", postgres)}]\n  actual:   [{string.Join(", ", actual)}]\n  sql: {QueryCheck.Sql(query)}");
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 7)]
    [InlineData(30, 10)]
    [InlineData(34, 3)]
    [InlineData(100, 3)]
    [InlineData(3, 0)]
    [InlineData(0, 1000)]
    public Task Skip_Take_with_captured_values(int skip, int take) =>
        Users($"OrderBy(id).Skip({skip}).Take({take})", _f.Db.Users.OrderBy(u => u.Id).Skip(skip).Take(take), _f.Users.OrderBy(u => u.Id).Skip(skip).Take(take));

    [Fact]
    public Task Skip_only() => Users("OrderBy(email).ThenBy(id).Skip(20)", _f.Db.Users.OrderBy(u => u.Email).ThenBy(u => u.Id).Skip(20),
        _f.Users.OrderBy(u => u.Email, Text).ThenBy(u => u.Id).Skip(20));

    [Fact]
    public Task Take_only() => Users("OrderByDescending(id).Take(4)", _f.Db.Users.OrderByDescending(u => u.Id).Take(4), _f.Users.OrderByDescending(u => u.Id).Take(4));

    [Fact]
    public Task Take_then_Skip() => Users("OrderBy(id).Take(10).Skip(4)", _f.Db.Users.OrderBy(u => u.Id).Take(10).Skip(4), _f.Users.OrderBy(u => u.Id).Take(10).Skip(4));

    [Fact]
    public Task Skip_then_Skip() => Users("OrderBy(id).Skip(3).Skip(4)", _f.Db.Users.OrderBy(u => u.Id).Skip(3).Skip(4), _f.Users.OrderBy(u => u.Id).Skip(3).Skip(4));

    [Fact]
    public Task Take_then_Take() => Users("OrderBy(id).Take(10).Take(3)", _f.Db.Users.OrderBy(u => u.Id).Take(10).Take(3), _f.Users.OrderBy(u => u.Id).Take(10).Take(3));

    [Fact]
    public Task Take_then_Where_filters_within_the_page() =>
        Users("OrderBy(id).Take(10).Where(role == Admin)", _f.Db.Users.OrderBy(u => u.Id).Take(10).Where(u => u.Role == Role.Admin),
            _f.Users.OrderBy(u => u.Id).Take(10).Where(u => u.Role == Role.Admin));

    [Fact]
    public Task Take_then_OrderByDescending_reorders_the_page() =>
        Users("OrderBy(id).Take(5).OrderByDescending(id)", _f.Db.Users.OrderBy(u => u.Id).Take(5).OrderByDescending(u => u.Id),
            _f.Users.OrderBy(u => u.Id).Take(5).OrderByDescending(u => u.Id));

    [Fact]
    public async Task Skip_Take_then_Count()
    {
        var query = _f.Db.Users.OrderBy(u => u.Id).Skip(30);
        QueryCheck.Equal("OrderBy(id).Skip(30).CountAsync()", _f.Users.Skip(30).Count(), await query.CountAsync(), QueryCheck.Sql(query));
        var take = _f.Db.Users.OrderBy(u => u.Id).Take(3);
        QueryCheck.Equal("OrderBy(id).Take(3).CountAsync()", 3, await take.CountAsync(), QueryCheck.Sql(take));
    }

    [Fact]
    public async Task Paging_through_all_pages_returns_each_row_once()
    {
        var seen = new List<int>();
        for (var page = 0; page < 10; page++)
        {
            var size = 7;
            var skip = page * size;
            seen.AddRange((await _f.Db.Users.OrderBy(u => u.Email).ThenBy(u => u.Id).Skip(skip).Take(size).ToListAsync()).Select(u => u.Id));
        }

        QueryCheck.Same("pages of 7 by email", _f.Users.OrderBy(u => u.Email, Text).ThenBy(u => u.Id).Select(u => u.Id), seen);
    }

    [Fact]
    public async Task Distinct_author_ids()
    {
        var query = _f.Db.Posts.Select(p => p.AuthorId).Distinct();
        QueryCheck.SameSet("Select(authorId).Distinct()", _f.Posts.Select(p => p.AuthorId).Distinct(), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_anonymous_pairs()
    {
        var query = _f.Db.Posts.Select(p => new { p.AuthorId, p.Published }).Distinct();
        var expected = _f.Posts.Select(p => new { p.AuthorId, p.Published }).Distinct().Select(x => x.AuthorId * 2 + (x.Published ? 1 : 0));
        QueryCheck.SameSet("Select(new { authorId, published }).Distinct()", expected,
            (await QueryCheck.ListAsync(query)).Select(x => x.AuthorId * 2 + (x.Published ? 1 : 0)), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_nullable_names_keeps_one_null()
    {
        var query = _f.Db.Users.Select(u => u.Name).Distinct();
        QueryCheck.SameSet("Select(name).Distinct()", _f.Users.Select(u => u.Name).Distinct(), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_roles()
    {
        var query = _f.Db.Users.Select(u => u.Role).Distinct();
        QueryCheck.SameSet("Select(role).Distinct()", _f.Users.Select(u => u.Role).Distinct(), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_navigation_member()
    {
        var query = _f.Db.Posts.Select(p => p.Author!.Email).Distinct();
        QueryCheck.SameSet("Select(author.Email).Distinct()", _f.Posts.Select(p => p.Author!.Email).Distinct(), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_then_Count()
    {
        var query = _f.Db.Posts.Select(p => p.AuthorId).Distinct();
        QueryCheck.Equal("Select(authorId).Distinct().CountAsync()", _f.Posts.Select(p => p.AuthorId).Distinct().Count(), await query.CountAsync(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Distinct_then_OrderBy_then_Take()
    {
        var query = _f.Db.Posts.Select(p => p.AuthorId).Distinct().OrderByDescending(x => x).Take(3);
        QueryCheck.Same("Select(authorId).Distinct().OrderByDescending(x).Take(3)", _f.Posts.Select(p => p.AuthorId).Distinct().OrderByDescending(x => x).Take(3),
            await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Take_then_Distinct()
    {
        var query = _f.Db.Posts.OrderBy(p => p.Id).Take(20).Select(p => p.AuthorId).Distinct();
        QueryCheck.SameSet("OrderBy(id).Take(20).Select(authorId).Distinct()", _f.Posts.OrderBy(p => p.Id).Take(20).Select(p => p.AuthorId).Distinct(),
            await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Select_after_ordering_keeps_order()
    {
        var query = _f.Db.Users.OrderBy(u => u.Email).ThenBy(u => u.Id).Select(u => u.Email);
        QueryCheck.Same("OrderBy(email).Select(email)", _f.Users.OrderBy(u => u.Email, Text).ThenBy(u => u.Id).Select(u => u.Email), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }
}
