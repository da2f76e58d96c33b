using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Last/LastOrDefault, Reverse, MaxBy/MinBy and ElementAt/ElementAtOrDefault against LINQ-to-Objects over the tables read
/// with plain Npgsql (in primary-key order, which stands for source order where the query has no ordering): values,
/// ties, null keys, paging, empty sequences and the exceptions .NET throws.
/// </summary>
public sealed class ElementOperatorTests(QueryFixture fixture) : IClassFixture<QueryFixture>, IAsyncLifetime
{
    private readonly QueryFixture _f = fixture;
    private StoredRows _rows = null!;

    public async Task InitializeAsync() => _rows = await StoredRows.LoadAsync(_f.ConnectionString);

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<User> Users => _f.Db.Users;

    private IQueryable<User> NoUsers => _f.Db.Users.Where(u => u.Id < 0);

    // ---- Last

    [Fact]
    public async Task Last_reverses_every_ordering_key()
    {
        var expected = _rows.Users.OrderBy(u => u.Role == "Admin").ThenByDescending(u => u.Email.Length).ThenBy(u => u.Id).Last();
        var query = Users.OrderBy(u => u.Role == Role.Admin).ThenByDescending(u => u.Email.Length).ThenBy(u => u.Id);
        QueryCheck.Equal("Last", expected.Id, (await query.LastAsync()).Id, QueryCheck.Sql(query));
        QueryCheck.Equal("Last sync", expected.Id, query.Last().Id);
        QueryCheck.Equal("LastOrDefault", expected.Id, query.LastOrDefault()!.Id);
    }

    [Fact]
    public async Task Last_with_a_predicate_and_over_nullable_keys()
    {
        // Name is nullable: NULL sorts first ascending and last descending, as in LINQ (docs/queries.md), also reversed.
        var expected = _rows.Users.Where(u => u.Id % 2 == 1).OrderBy(u => u.Name, QueryCheck.CodePoint).ThenBy(u => u.Id).Last(u => u.Id > 3);
        var actual = await Users.Where(u => u.Id % 2 == 1).OrderBy(u => u.Name).ThenBy(u => u.Id).LastAsync(u => u.Id > 3);
        QueryCheck.Equal("Last(predicate)", expected.Id, actual.Id);

        var firstOfReversed = _rows.Users.OrderByDescending(u => u.Name, QueryCheck.CodePoint).ThenBy(u => u.Id).Last();
        QueryCheck.Equal("Last over DESC nullable", firstOfReversed.Id, (await Users.OrderByDescending(u => u.Name).ThenBy(u => u.Id).LastAsync()).Id);

        Assert.Null(await Users.OrderBy(u => u.Id).LastOrDefaultAsync(u => u.Id < 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users.OrderBy(u => u.Id).LastAsync(u => u.Id < 0));
        Assert.Throws<InvalidOperationException>(() => NoUsers.OrderBy(u => u.Id).Last());
    }

    [Fact]
    public async Task Last_after_paging_and_over_projections()
    {
        var page = Users.OrderBy(u => u.Email).Skip(4).Take(7);
        var memPage = _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Skip(4).Take(7).ToList();
        QueryCheck.Equal("page Last", memPage.Last().Id, (await page.LastAsync()).Id, QueryCheck.Sql(page));
        QueryCheck.Equal("page Last(predicate)", memPage.Last(u => u.Name != null).Id, (await page.LastAsync(u => u.Name != null)).Id);
        QueryCheck.Equal("projection Last", memPage.Select(u => u.Email.Length).Last(),
            await Users.OrderBy(u => u.Email).Select(u => u.Email.Length).Skip(4).Take(7).LastAsync());
        QueryCheck.Equal("Last after Union", _rows.Users.Where(u => u.Id < 5).Union(_rows.Users.Where(u => u.Id > 30)).OrderBy(u => u.Email, QueryCheck.CodePoint).Last().Id,
            (await Users.Where(u => u.Id < 5).Union(Users.Where(u => u.Id > 30)).OrderBy(u => u.Email).LastAsync()).Id);
    }

    // ---- Reverse

    [Fact]
    public async Task Reverse_of_an_ordering_and_of_a_page()
    {
        var reversed = Users.OrderBy(u => u.Role).ThenBy(u => u.Email).Reverse().Select(u => u.Id);
        QueryCheck.Same("Reverse", _rows.Users.OrderBy(u => u.Role == "Admin").ThenBy(u => u.Email, QueryCheck.CodePoint).Reverse().Select(u => u.Id),
            await reversed.ToListAsync(), QueryCheck.Sql(reversed));

        var page = Users.OrderBy(u => u.Email).Take(6).Reverse().Select(u => u.Email);
        QueryCheck.Same("Reverse of a page", _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Take(6).Reverse().Select(u => u.Email),
            await page.ToListAsync(), QueryCheck.Sql(page));

        var thenPaged = Users.OrderBy(u => u.Email).Reverse().Skip(2).Take(3).Select(u => u.Email);
        QueryCheck.Same("Reverse then page", _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Reverse().Skip(2).Take(3).Select(u => u.Email),
            await thenPaged.ToListAsync(), QueryCheck.Sql(thenPaged));
    }

    // ---- TakeLast / SkipLast

    [Fact]
    public async Task TakeLast_and_SkipLast_keep_the_ordering()
    {
        var ordered = _rows.Users.OrderBy(u => u.Role == "Admin").ThenBy(u => u.Email, QueryCheck.CodePoint).ToList();
        foreach (var n in new[] { -1, 0, 3, 50 })
        {
            var takeLast = Users.OrderBy(u => u.Role).ThenBy(u => u.Email).TakeLast(n).Select(u => u.Id);
            QueryCheck.Same($"TakeLast({n})", ordered.TakeLast(n).Select(u => u.Id), await takeLast.ToListAsync(), QueryCheck.Sql(takeLast));
            var skipLast = Users.OrderBy(u => u.Role).ThenBy(u => u.Email).SkipLast(n).Select(u => u.Id);
            QueryCheck.Same($"SkipLast({n})", ordered.SkipLast(n).Select(u => u.Id), await skipLast.ToListAsync(), QueryCheck.Sql(skipLast));
        }

        var page = Users.OrderBy(u => u.Email).Skip(3).Take(10).TakeLast(4).Select(u => u.Email);
        QueryCheck.Same("TakeLast of a page", _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Skip(3).Take(10).TakeLast(4).Select(u => u.Email),
            await page.ToListAsync(), QueryCheck.Sql(page));
        var thenPaged = Users.OrderBy(u => u.Email).SkipLast(5).Skip(2).Take(3).Where(u => u.Name != null);
        QueryCheck.Same("SkipLast then page and filter", _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).SkipLast(5).Skip(2).Take(3).Where(u => u.Name != null).Select(u => u.Id),
            (await thenPaged.ToListAsync()).Select(u => u.Id), QueryCheck.Sql(thenPaged));
        QueryCheck.Equal("count", _rows.Users.OrderBy(u => u.Id).TakeLast(7).Count(), await Users.OrderBy(u => u.Id).TakeLast(7).CountAsync());

        var unordered = await Record.ExceptionAsync(() => Users.TakeLast(3).ToListAsync());
        Assert.Contains("OrderBy", Assert.IsType<QueryTranslationException>(unordered).Message, StringComparison.Ordinal);
        QueryCheck.Same("projection", _rows.Users.OrderBy(u => u.Id).Select(u => u.Email).TakeLast(3), await Users.OrderBy(u => u.Id).Select(u => u.Email).TakeLast(3).ToListAsync());
        var groups = await Record.ExceptionAsync(() => _f.Db.Posts.GroupBy(p => p.AuthorId).Select(g => g.Key).OrderBy(k => k).TakeLast(3).ToListAsync());
        Assert.Contains("TakeLast", Assert.IsType<QueryTranslationException>(groups).Message, StringComparison.Ordinal);
    }

    // ---- MaxBy / MinBy

    [Fact]
    public async Task MaxBy_and_MinBy_take_the_first_of_ties_in_primary_key_order()
    {
        // Many emails share a length: the first in source (primary-key) order wins, as in .NET.
        QueryCheck.Equal("MaxBy", _rows.Users.MaxBy(u => u.Email.Length)!.Id, Users.MaxBy(u => u.Email.Length)!.Id, QueryCheck.Sql(Users.Where(u => true)));
        QueryCheck.Equal("MinBy", _rows.Users.MinBy(u => u.Email.Length)!.Id, Users.MinBy(u => u.Email.Length)!.Id);
        QueryCheck.Equal("MaxBy filtered", _rows.Users.Where(u => u.Id > 10).MaxBy(u => u.Id % 7)!.Id, Users.Where(u => u.Id > 10).MaxBy(u => u.Id % 7)!.Id);
        QueryCheck.Equal("MinBy posts", _rows.Posts.MinBy(p => p.AuthorId)!.Id, _f.Db.Posts.MinBy(p => p.AuthorId)!.Id);
        await Task.CompletedTask;
    }

    [Fact]
    public void MaxBy_and_MinBy_break_ties_by_the_querys_ordering()
    {
        var expected = _rows.Users.OrderByDescending(u => u.Email, QueryCheck.CodePoint).MaxBy(u => u.Email.Length)!.Id;
        QueryCheck.Equal("MaxBy ordered", expected, Users.OrderByDescending(u => u.Email).MaxBy(u => u.Email.Length)!.Id);
        var min = _rows.Users.OrderBy(u => u.Role == "Admin").ThenByDescending(u => u.Id).MinBy(u => u.Email.Length % 3)!.Id;
        QueryCheck.Equal("MinBy ordered", min, Users.OrderBy(u => u.Role).ThenByDescending(u => u.Id).MinBy(u => u.Email.Length % 3)!.Id);
    }

    [Fact]
    public void Null_keys_are_skipped_unless_all_are_null()
    {
        QueryCheck.Equal("MaxBy nullable", _rows.Users.MaxBy(u => u.Name, QueryCheck.CodePoint)!.Id, Users.MaxBy(u => u.Name)!.Id);
        QueryCheck.Equal("MinBy nullable", _rows.Users.MinBy(u => u.Name, QueryCheck.CodePoint)!.Id, Users.MinBy(u => u.Name)!.Id);
        QueryCheck.Equal("MinBy nullable int", _rows.Users.MinBy(u => u.Name == null ? (int?)null : u.Name.Length)!.Id,
            Users.MinBy(u => u.Name == null ? (int?)null : u.Name.Length)!.Id);
        QueryCheck.Equal("all keys null", _rows.Users.Where(u => u.Name == null).MaxBy(u => u.Name)!.Id,
            Users.Where(u => u.Name == null).MaxBy(u => u.Name)!.Id);
    }

    [Fact]
    public async Task MaxBy_over_projections_pages_and_empty_sequences()
    {
        var expected = _rows.Users.Select(u => new { u.Id, L = u.Email.Length }).MaxBy(x => x.L)!;
        var actual = Users.Select(u => new { u.Id, L = u.Email.Length }).MaxBy(x => x.L)!;
        QueryCheck.Equal("projection", (expected.Id, expected.L), (actual.Id, actual.L));

        var page = _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).Skip(3).Take(8).MaxBy(u => u.Email.Length)!.Id;
        QueryCheck.Equal("page", page, Users.OrderBy(u => u.Email).Skip(3).Take(8).MaxBy(u => u.Email.Length)!.Id);

        Assert.Null(NoUsers.MaxBy(u => u.Id));
        Assert.Null(NoUsers.Select(u => u.Name).MinBy(n => n));
        Assert.Throws<InvalidOperationException>(() => NoUsers.Select(u => u.Id).MaxBy(i => i));
        Assert.Throws<InvalidOperationException>(() => Enumerable.Empty<int>().MaxBy(i => i));
        await Task.CompletedTask;
    }

    [Fact]
    public void Element_operators_over_combined_rows_and_projections()
    {
        var rows = _rows.Users.Where(u => u.Id < 8).Union(_rows.Users.Where(u => u.Name == null));
        var query = Users.Where(u => u.Id < 8).Union(Users.Where(u => u.Name == null));
        QueryCheck.Equal("MaxBy over rows", rows.OrderBy(u => u.Id).MaxBy(u => u.Email.Length)!.Id, query.MaxBy(u => u.Email.Length)!.Id);
        QueryCheck.Equal("ElementAt over rows", rows.OrderBy(u => u.Id).ElementAt(2).Id, query.ElementAt(2).Id);

        // Over combined projections the element is read after a Select (the advice the refusal gives).
        var emails = _rows.Users.Select(u => u.Email).Intersect(_rows.Users.Where(u => u.Id > 5).Select(u => u.Email));
        var combined = Users.Select(u => u.Email).Intersect(Users.Where(u => u.Id > 5).Select(u => u.Email));
        QueryCheck.Equal("MinBy after Select", emails.OrderBy(e => e, QueryCheck.CodePoint).MinBy(e => e.Length),
            combined.Select(e => e).OrderBy(e => e).MinBy(e => e.Length));
        QueryCheck.Equal("Last", emails.OrderBy(e => e, QueryCheck.CodePoint).Last(), combined.OrderBy(e => e).Last());
    }

    // ---- ElementAt

    [Fact]
    public async Task ElementAt_counts_in_the_ordering_or_in_primary_key_order()
    {
        for (var i = 0; i < 5; i++)
        {
            QueryCheck.Equal($"ordered [{i * 7}]", _rows.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).ElementAt(i * 7).Id, Users.OrderBy(u => u.Email).ElementAt(i * 7).Id);
            QueryCheck.Equal($"unordered [{i * 7}]", _rows.Users.ElementAt(i * 7).Id, Users.ElementAt(i * 7).Id);
        }

        QueryCheck.Equal("after paging", _rows.Users.Skip(5).Take(10).ElementAt(3).Id, Users.Skip(5).Take(10).ElementAt(3).Id);
        QueryCheck.Equal("projection", _rows.Posts.OrderBy(p => p.Title, QueryCheck.CodePoint).ThenBy(p => p.Id).Select(p => p.Content).ElementAt(9),
            _f.Db.Posts.OrderBy(p => p.Title).ThenBy(p => p.Id).Select(p => p.Content).ElementAt(9));
        await Task.CompletedTask;
    }

    [Fact]
    public void Out_of_range_indexes_throw_or_give_default_as_in_dotnet()
    {
        var count = _rows.Users.Count;
        Assert.Throws<ArgumentOutOfRangeException>(() => Users.ElementAt(count));
        Assert.Throws<ArgumentOutOfRangeException>(() => Users.ElementAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Users.Skip(5).Take(10).ElementAt(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => _rows.Users.ElementAt(-1));
        Assert.Null(Users.ElementAtOrDefault(count));
        Assert.Null(Users.ElementAtOrDefault(-1));
        Assert.Equal(0, Users.Select(u => u.Id).ElementAtOrDefault(count + 3));
        Assert.Equal(_rows.Users[count - 1].Id, Users.ElementAtOrDefault(count - 1)!.Id);
    }
}
