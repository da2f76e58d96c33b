using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Terminal operators, async and sync, against LINQ-to-Objects: values, empty-sequence behaviour and exception
/// types (LINQ throws <see cref="InvalidOperationException"/> itself, not a subclass).
/// </summary>
public sealed class TerminalOperatorTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    private IQueryable<User> NoUsers => _f.Db.Users.Where(u => u.Email == "nobody@nowhere");

    private IQueryable<User> Admins => _f.Db.Users.Where(u => u.Role == Role.Admin);

    private IEnumerable<User> MemAdmins => _f.Users.Where(u => u.Role == Role.Admin);

    // ---- materialization

    [Fact]
    public async Task ToListAsync_and_ToArrayAsync_return_the_same_rows()
    {
        var list = await Admins.OrderBy(u => u.Id).ToListAsync();
        var array = await Admins.OrderBy(u => u.Id).ToArrayAsync();
        QueryCheck.Same("ToListAsync", MemAdmins.Select(u => u.Id), list.Select(u => u.Id));
        QueryCheck.Same("ToArrayAsync", MemAdmins.Select(u => u.Id), array.Select(u => u.Id));
    }

    [Fact]
    public async Task Materialized_rows_equal_the_seeded_values()
    {
        var users = await _f.Db.Users.OrderBy(u => u.Id).ToListAsync();
        QueryCheck.Same("users (email|name|role)", QuerySeed.Users.Select(u => u.Email + "|" + u.Name + "|" + u.Role), users.Select(u => u.Email + "|" + u.Name + "|" + u.Role));
        Assert.Equal([null, null, null], users.Where(u => u.Name is null).Select(u => u.Name));
        Assert.Contains(users, u => u.Name == "");
        Assert.All(users, u => Assert.Empty(u.Posts));
        Assert.All(users, u => Assert.Null(u.Profile));
    }

    [Fact]
    public async Task Empty_results()
    {
        Assert.Empty(await NoUsers.ToListAsync());
        Assert.Empty(await NoUsers.ToArrayAsync());
        Assert.Empty(NoUsers.ToList());
        Assert.Empty(await _f.Db.Users.Where(u => false).ToListAsync());
    }

    [Fact]
    public void Sync_ToList_ToArray_foreach()
    {
        QueryCheck.Same("ToList()", MemAdmins.Select(u => u.Id), Admins.OrderBy(u => u.Id).ToList().Select(u => u.Id));
        QueryCheck.Same("ToArray()", MemAdmins.Select(u => u.Id), Admins.OrderBy(u => u.Id).ToArray().Select(u => u.Id));
        var seen = new List<int>();
        foreach (var user in Admins.OrderBy(u => u.Id))
        {
            seen.Add(user.Id);
        }

        QueryCheck.Same("foreach", MemAdmins.Select(u => u.Id), seen);
    }

    // ---- First / Single

    [Fact]
    public async Task FirstAsync_ordered()
    {
        Assert.Equal(_f.Users.OrderBy(u => u.Email, QueryCheck.CodePoint).First().Id, (await _f.Db.Users.OrderBy(u => u.Email).FirstAsync()).Id);
        Assert.Equal(_f.Users.OrderByDescending(u => u.Id).First().Id, (await _f.Db.Users.OrderByDescending(u => u.Id).FirstAsync()).Id);
    }

    [Fact]
    public async Task FirstAsync_with_predicate()
    {
        var expected = _f.Users.OrderBy(u => u.Id).First(u => u.Role == Role.Admin && u.Id > 5).Id;
        Assert.Equal(expected, (await _f.Db.Users.OrderBy(u => u.Id).FirstAsync(u => u.Role == Role.Admin && u.Id > 5)).Id);
    }

    [Fact]
    public async Task FirstAsync_on_empty_throws_InvalidOperationException_like_linq()
    {
        // The same message LINQ-to-Objects gives; the exact type rules out QueryTranslationException (a subclass).
        var linq = Assert.Throws<InvalidOperationException>(() => _f.Users.Where(u => u.Email == "nobody@nowhere").First());
        Assert.Equal(linq.Message, (await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.FirstAsync())).Message);
        Assert.Equal(linq.Message, (await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.Users.FirstAsync(u => u.Id < 0))).Message);
        Assert.Equal(linq.Message, (await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.Users.Select(u => u.Name).FirstAsync(n => n == "nobody"))).Message);

        // The control: the same shapes find the row when there is one, so the throw is about emptiness, not the query.
        var ann = _f.Users.First(u => u.Email == "ann@example.com");
        Assert.Equal(ann.Id, (await _f.Db.Users.Where(u => u.Email == "ann@example.com").FirstAsync()).Id);
        Assert.Equal(ann.Id, (await _f.Db.Users.FirstAsync(u => u.Id == ann.Id)).Id);
    }

    [Fact]
    public async Task FirstOrDefaultAsync_returns_default_on_empty()
    {
        Assert.Null(await NoUsers.FirstOrDefaultAsync());
        Assert.Null(await _f.Db.Users.FirstOrDefaultAsync(u => u.Id < 0));
        Assert.Equal(0, await NoUsers.Select(u => u.Id).FirstOrDefaultAsync());
        Assert.Null(await NoUsers.Select(u => u.Name).FirstOrDefaultAsync());
        Assert.Equal(_f.Users.OrderBy(u => u.Id).First().Id, (await _f.Db.Users.OrderBy(u => u.Id).FirstOrDefaultAsync())!.Id);
    }

    [Fact]
    public async Task FirstAsync_projections()
    {
        Assert.Equal(_f.Users.OrderBy(u => u.Id).Select(u => u.Email).First(), await _f.Db.Users.OrderBy(u => u.Id).Select(u => u.Email).FirstAsync());
        var nullName = _f.Users.Where(u => u.Name == null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).First();
        Assert.Equal(nullName, await _f.Db.Users.Where(u => u.Name == null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync());
        Assert.Null(await _f.Db.Users.Where(u => u.Name == null).Select(u => u.Name).FirstAsync());
    }

    [Fact]
    public async Task SingleAsync_exactly_one()
    {
        var bob = _f.Users.Single(u => u.Email == "bob@example.com");
        Assert.Equal(bob.Id, (await _f.Db.Users.SingleAsync(u => u.Email == "bob@example.com")).Id);
        Assert.Equal(bob.Id, (await _f.Db.Users.Where(u => u.Email == "bob@example.com").SingleAsync()).Id);
        Assert.Equal(bob.Name, await _f.Db.Users.Where(u => u.Email == "bob@example.com").Select(u => u.Name).SingleAsync());
    }

    [Fact]
    public async Task SingleAsync_on_empty_throws_InvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => _f.Users.Where(u => u.Email == "nobody@nowhere").Single());
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.SingleAsync());
    }

    [Fact]
    public async Task SingleAsync_on_several_throws_InvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => MemAdmins.Single());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Admins.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.Users.SingleAsync(u => u.Name == null));
    }

    [Fact]
    public async Task SingleOrDefaultAsync_returns_default_on_empty_and_throws_on_several()
    {
        Assert.Null(await NoUsers.SingleOrDefaultAsync());
        Assert.Null(await _f.Db.Users.SingleOrDefaultAsync(u => u.Id < 0));
        Assert.Equal(0, await NoUsers.Select(u => u.Id).SingleOrDefaultAsync());
        Assert.Throws<InvalidOperationException>(() => MemAdmins.SingleOrDefault());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Admins.SingleOrDefaultAsync());
        Assert.Equal(_f.Users.Single(u => u.Name == "Eve").Id, (await _f.Db.Users.SingleOrDefaultAsync(u => u.Name == "Eve"))!.Id);
    }

    [Fact]
    public void Sync_First_Single_and_defaults()
    {
        Assert.Equal(_f.Users.OrderBy(u => u.Id).First().Id, _f.Db.Users.OrderBy(u => u.Id).First().Id);
        Assert.Equal(_f.Users.OrderBy(u => u.Id).First(u => u.Name == null).Id, _f.Db.Users.OrderBy(u => u.Id).First(u => u.Name == null).Id);
        Assert.Null(NoUsers.FirstOrDefault());
        Assert.Equal(_f.Users.Single(u => u.Name == "Eve").Id, _f.Db.Users.Single(u => u.Name == "Eve").Id);
        Assert.Throws<InvalidOperationException>(() => NoUsers.First());
        Assert.Throws<InvalidOperationException>(() => NoUsers.Single());
        Assert.Throws<InvalidOperationException>(() => Admins.Single());
        Assert.Throws<InvalidOperationException>(() => Admins.SingleOrDefault());
        Assert.Null(NoUsers.SingleOrDefault());
    }

    // ---- Any / All / Count

    [Fact]
    public async Task AnyAsync_and_AllAsync()
    {
        Assert.True(await _f.Db.Users.AnyAsync());
        Assert.False(await NoUsers.AnyAsync());
        Assert.True(await _f.Db.Users.AnyAsync(u => u.Name == null));
        Assert.False(await _f.Db.Users.AnyAsync(u => u.Id < 0));
        Assert.Equal(_f.Users.All(u => u.Email.Contains('@')), await _f.Db.Users.AllAsync(u => u.Email.Contains("@")));
        Assert.Equal(_f.Users.All(u => u.Name != null), await _f.Db.Users.AllAsync(u => u.Name != null));
        Assert.True(await NoUsers.AllAsync(u => u.Id < 0));
    }

    [Fact]
    public async Task AllAsync_with_nullable_predicate_follows_csharp()
    {
        // C#: u.Name != "Ann" is true for null names; SQL NOT (name <> 'Ann') would be unknown for them.
        Assert.Equal(_f.Users.All(u => u.Name != "Zed"), await _f.Db.Users.AllAsync(u => u.Name != "Zed"));
        Assert.Equal(_f.Users.Where(u => u.Name == null).All(u => u.Name != "Ann"), await _f.Db.Users.Where(u => u.Name == null).AllAsync(u => u.Name != "Ann"));
        Assert.Equal(_f.Users.All(u => u.Name == null || u.Name.Length < 100), await _f.Db.Users.AllAsync(u => u.Name == null || u.Name.Length < 100));
    }

    [Fact]
    public void Sync_Any_All_Count()
    {
        Assert.True(_f.Db.Users.Any());
        Assert.False(NoUsers.Any());
        Assert.Equal(_f.Users.Any(u => u.Role == Role.Admin), _f.Db.Users.Any(u => u.Role == Role.Admin));
        Assert.Equal(_f.Users.All(u => u.Id > 0), _f.Db.Users.All(u => u.Id > 0));
        Assert.Equal(_f.Users.Count, _f.Db.Users.Count());
        Assert.Equal(_f.Users.Count(u => u.Name == null), _f.Db.Users.Count(u => u.Name == null));
        Assert.Equal(_f.Posts.LongCount(), _f.Db.Posts.LongCount());
    }

    [Fact]
    public async Task CountAsync_and_LongCountAsync()
    {
        Assert.Equal(_f.Users.Count, await _f.Db.Users.CountAsync());
        Assert.Equal(_f.Posts.Count, await _f.Db.Posts.CountAsync());
        Assert.Equal(_f.Comments.Count, await _f.Db.Comments.CountAsync());
        Assert.Equal(0, await NoUsers.CountAsync());
        Assert.Equal((long)_f.Comments.Count, await _f.Db.Comments.LongCountAsync());
        Assert.Equal(_f.Posts.LongCount(p => p.Published), await _f.Db.Posts.LongCountAsync(p => p.Published));
        Assert.Equal(0L, await NoUsers.LongCountAsync());
        Assert.Equal(_f.Users.Count(u => u.Name != "Ann"), await _f.Db.Users.CountAsync(u => u.Name != "Ann"));
    }

    [Fact]
    public async Task Seeded_row_counts()
    {
        Assert.Equal(QuerySeed.Users.Length, await _f.Db.Users.CountAsync());
        Assert.Equal(QuerySeed.PostCount, await _f.Db.Posts.CountAsync());
        Assert.Equal(QuerySeed.CommentCount, await _f.Db.Comments.CountAsync());
        Assert.Equal(QuerySeed.Profiles.Length, await _f.Db.Profiles.CountAsync());
        Assert.Equal(QuerySeed.Accounts.Length, await _f.Db.Accounts.CountAsync());
        Assert.Equal(12, await _f.Db.TypeSamples.CountAsync());
    }

    // ---- Sum / Min / Max / Average

    [Fact]
    public async Task Sum_int()
    {
        Assert.Equal(_f.Users.Sum(u => u.Id), await _f.Db.Users.SumAsync(u => u.Id));
        Assert.Equal(_f.Posts.Where(p => p.Published).Sum(p => p.AuthorId), await _f.Db.Posts.Where(p => p.Published).SumAsync(p => p.AuthorId));
        Assert.Equal(_f.Users.Select(u => u.Id * 2).Sum(), await _f.Db.Users.Select(u => u.Id * 2).SumAsync());
        Assert.Equal(0, await NoUsers.SumAsync(u => u.Id));
        Assert.Equal(0, await NoUsers.Select(u => u.Id).SumAsync());
        Assert.Equal(_f.Users.Sum(u => u.Id), _f.Db.Users.Sum(u => u.Id));
    }

    [Fact]
    public async Task Sum_long()
    {
        Assert.Equal(_f.TypeSamples.Sum(t => t.Long), await _f.Db.TypeSamples.SumAsync(t => t.Long));
        Assert.Equal(_f.Posts.Sum(p => (long)p.Id * 1_000_000_000L), await _f.Db.Posts.SumAsync(p => (long)p.Id * 1_000_000_000L));
        Assert.Equal(0L, await _f.Db.TypeSamples.Where(t => t.Id < 0).SumAsync(t => t.Long));
    }

    [Fact]
    public async Task Sum_decimal_is_exact()
    {
        // Without the 19-integer-digit balance every sum fits a decimal exactly.
        var normal = _f.Db.Accounts.Where(a => a.Balance < 1_000_000_000_000m);
        var memNormal = _f.Accounts.Where(a => a.Balance < 1_000_000_000_000m).ToList();
        Assert.Equal(memNormal.Sum(a => a.Balance), await normal.SumAsync(a => a.Balance));
        Assert.Equal(_f.Accounts.Where(a => a.Balance < 0).Sum(a => a.Balance), await _f.Db.Accounts.Where(a => a.Balance < 0).SumAsync(a => a.Balance));
        Assert.Equal(memNormal.Select(a => a.Balance).Sum(), await normal.Select(a => a.Balance).SumAsync());
        Assert.Equal(0m, await _f.Db.Accounts.Where(a => a.Id < 0).SumAsync(a => a.Balance));
    }

    [Fact]
    public async Task Sum_decimal_beyond_28_significant_digits_rounds_like_csharp()
    {
        // 1234567890123456789.123456789 + 33.333333333333 + … needs 31 significant digits: C# decimal addition rounds
        // to what a decimal holds; the database sum is exact and must come back rounded, not as an error.
        var expected = _f.Accounts.Sum(a => a.Balance);
        var error = await Record.ExceptionAsync(async () =>
        {
            var actual = await _f.Db.Accounts.SumAsync(a => a.Balance);
            Assert.True(Math.Abs(expected - actual) <= 0.000001m, $"Sum(balance): expected {expected}, actual {actual}");
        });
        Assert.True(error is null, $"Sum(balance) (exact value has 31 significant digits; C# gives {expected}): {(error is null ? "" : QueryCheck.Describe(error))}");
    }

    [Fact]
    public async Task Sum_double_and_float()
    {
        QueryCheck.Close("Sum(double)", _f.TypeSamples.Sum(t => t.Double), await _f.Db.TypeSamples.SumAsync(t => t.Double));
        QueryCheck.Close("Sum(float)", _f.TypeSamples.Sum(t => t.Float), await _f.Db.TypeSamples.SumAsync(t => t.Float));
        QueryCheck.Close("Sum(id * 0.5)", _f.Users.Sum(u => u.Id * 0.5), await _f.Db.Users.SumAsync(u => u.Id * 0.5));
    }

    [Fact]
    public async Task Sum_nullable_skips_nulls_and_is_zero_when_all_null()
    {
        Assert.Equal(_f.TypeSamples.Sum(t => t.IntN), await _f.Db.TypeSamples.SumAsync(t => t.IntN));
        Assert.Equal(_f.TypeSamples.Sum(t => t.LongN), await _f.Db.TypeSamples.SumAsync(t => t.LongN));
        Assert.Equal(_f.TypeSamples.Sum(t => t.DecimalN), await _f.Db.TypeSamples.SumAsync(t => t.DecimalN));
        QueryCheck.Close("Sum(doubleN)", _f.TypeSamples.Sum(t => t.DoubleN), await _f.Db.TypeSamples.SumAsync(t => t.DoubleN));
        var allNull = _f.Db.TypeSamples.Where(t => t.IntN == null);
        Assert.Equal(_f.TypeSamples.Where(t => t.IntN == null).Sum(t => t.IntN), await allNull.SumAsync(t => t.IntN));
        Assert.Equal(0, await allNull.SumAsync(t => t.IntN));
        Assert.Equal(0, await _f.Db.TypeSamples.Where(t => t.Id < 0).SumAsync(t => t.IntN));
        Assert.Equal(0, await allNull.Select(t => t.IntN).SumAsync());
    }

    [Fact]
    public async Task Min_and_Max()
    {
        Assert.Equal(_f.Users.Min(u => u.Id), await _f.Db.Users.MinAsync(u => u.Id));
        Assert.Equal(_f.Users.Max(u => u.Id), await _f.Db.Users.MaxAsync(u => u.Id));
        Assert.Equal(_f.Posts.Min(p => p.CreatedAt), await _f.Db.Posts.MinAsync(p => p.CreatedAt));
        Assert.Equal(_f.Posts.Max(p => p.CreatedAt), await _f.Db.Posts.MaxAsync(p => p.CreatedAt));
        Assert.Equal(_f.Accounts.Min(a => a.Balance), await _f.Db.Accounts.MinAsync(a => a.Balance));
        Assert.Equal(_f.Accounts.Max(a => a.Balance), await _f.Db.Accounts.MaxAsync(a => a.Balance));
        Assert.Equal(_f.TypeSamples.Min(t => t.Double), await _f.Db.TypeSamples.MinAsync(t => t.Double));
        Assert.Equal(_f.Users.Select(u => u.Id).Max(), await _f.Db.Users.Select(u => u.Id).MaxAsync());
        Assert.Equal(_f.Users.Max(u => u.Id), _f.Db.Users.Max(u => u.Id));
        Assert.Equal(_f.Users.Min(u => u.Id), _f.Db.Users.Min(u => u.Id));
    }

    [Fact]
    public async Task Max_of_text_uses_the_database_collation()
    {
        // LINQ-to-Objects Max<string> compares with the current culture; the database compares in C (byte) order.
        Assert.Equal(_f.Users.Select(u => u.Email).Max(QueryCheck.CodePoint), await _f.Db.Users.MaxAsync(u => u.Email));
        Assert.Equal(_f.Users.Select(u => u.Email).Min(QueryCheck.CodePoint), await _f.Db.Users.MinAsync(u => u.Email));
    }

    [Fact]
    public async Task Min_and_Max_nullable_skip_nulls_and_are_null_on_empty()
    {
        Assert.Equal(_f.TypeSamples.Min(t => t.IntN), await _f.Db.TypeSamples.MinAsync(t => t.IntN));
        Assert.Equal(_f.TypeSamples.Max(t => t.IntN), await _f.Db.TypeSamples.MaxAsync(t => t.IntN));
        Assert.Equal(_f.TypeSamples.Max(t => t.DecimalN), await _f.Db.TypeSamples.MaxAsync(t => t.DecimalN));
        Assert.Equal(_f.TypeSamples.Min(t => t.TimestampN), await _f.Db.TypeSamples.MinAsync(t => t.TimestampN));
        Assert.Null(await _f.Db.TypeSamples.Where(t => t.Id < 0).MaxAsync(t => t.IntN));
        Assert.Null(await _f.Db.TypeSamples.Where(t => t.IntN == null).MinAsync(t => t.IntN));
        Assert.Null(await NoUsers.MaxAsync(u => u.Name));
        Assert.Null(await _f.Db.Users.Where(u => u.Id < 0).Select(u => (int?)u.Id).MaxAsync());
    }

    [Fact]
    public async Task Min_Max_Average_of_non_nullable_on_empty_throw_InvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => _f.Users.Where(u => u.Id < 0).Min(u => u.Id));
        Assert.Throws<InvalidOperationException>(() => _f.Users.Where(u => u.Id < 0).Average(u => u.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.MinAsync(u => u.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.MaxAsync(u => u.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.Posts.Where(p => p.Id < 0).MaxAsync(p => p.CreatedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.AverageAsync(u => u.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.Accounts.Where(a => a.Id < 0).AverageAsync(a => a.Balance));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.TypeSamples.Where(t => t.Id < 0).AverageAsync(t => t.Double));
        Assert.Throws<InvalidOperationException>(() => NoUsers.Max(u => u.Id));
    }

    [Fact]
    public async Task Min_and_Max_of_enum_follow_declaration_order()
    {
        Assert.Equal(_f.Users.Max(u => u.Role), await _f.Db.Users.MaxAsync(u => u.Role));
        Assert.Equal(_f.Users.Min(u => u.Role), await _f.Db.Users.MinAsync(u => u.Role));
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoUsers.MaxAsync(u => u.Role));
    }

    [Fact]
    public async Task Average_int_and_long()
    {
        QueryCheck.Close("Average(int id)", _f.Users.Average(u => u.Id), await _f.Db.Users.AverageAsync(u => u.Id));
        QueryCheck.Close("Average(int authorId) over published", _f.Posts.Where(p => p.Published).Average(p => p.AuthorId),
            await _f.Db.Posts.Where(p => p.Published).AverageAsync(p => p.AuthorId));
        QueryCheck.Close("Average(long)", _f.TypeSamples.Average(t => t.Long), await _f.Db.TypeSamples.AverageAsync(t => t.Long));
        QueryCheck.Close("Select(id).Average()", _f.Users.Select(u => u.Id).Average(), await _f.Db.Users.Select(u => u.Id).AverageAsync());
        QueryCheck.Close("sync Average(id)", _f.Users.Average(u => u.Id), _f.Db.Users.Average(u => u.Id));
    }

    [Fact]
    public async Task Average_of_ints_is_not_integer_division()
    {
        // 1, 2 => 1.5 (an integer avg would give 1 or 2).
        var two = _f.Db.Users.OrderBy(u => u.Id).Take(2);
        QueryCheck.Close("Average of two ids", _f.Users.OrderBy(u => u.Id).Take(2).Average(u => u.Id), await two.AverageAsync(u => u.Id), QueryCheck.Sql(two));
    }

    [Fact]
    public async Task Average_decimal_terminating_is_exact()
    {
        var ones = _f.Db.Accounts.Where(a => a.Balance == 1m || a.Balance == 0.5m || a.Balance == 0m);
        Assert.Equal(_f.Accounts.Where(a => a.Balance == 1m || a.Balance == 0.5m || a.Balance == 0m).Average(a => a.Balance), await ones.AverageAsync(a => a.Balance));
        Assert.Equal(_f.Accounts.Where(a => a.Balance == 42m).Average(a => a.Balance), await _f.Db.Accounts.Where(a => a.Balance == 42m).AverageAsync(a => a.Balance));
    }

    [Fact]
    public async Task Average_decimal_over_all_accounts()
    {
        // The exact mean has 30 significant digits: C# decimal division rounds it (to 28 here), so only closeness is
        // a fair expectation; the database result is the more precise one.
        var expected = _f.Accounts.Average(a => a.Balance);
        var actual = await _f.Db.Accounts.AverageAsync(a => a.Balance);
        Assert.True(Math.Abs(expected - actual) <= 0.000001m, $"Average(balance): expected {expected}, actual {actual}");
    }

    [Fact]
    public async Task Average_decimal_non_terminating_keeps_decimal_precision()
    {
        // 1, 1.000, 3.14159 => 5.14159 / 3 = 1.71386333… (non-terminating): C# keeps 28 significant digits.
        var query = _f.Db.Accounts.Where(a => a.Balance == 1m || a.Balance == 3.14159m);
        var expected = _f.Accounts.Where(a => a.Balance == 1m || a.Balance == 3.14159m).Average(a => a.Balance);
        var actual = await query.AverageAsync(a => a.Balance);
        Assert.True(expected == actual, $"Average(balance) of 1, 1.000, 3.14159: expected {expected}, actual {actual}");
    }

    [Fact]
    public async Task Average_nullable_decimal_non_terminating_keeps_decimal_precision()
    {
        var expected = _f.TypeSamples.Average(t => t.DecimalN);
        var actual = await _f.Db.TypeSamples.AverageAsync(t => t.DecimalN);
        Assert.True(expected == actual, $"Average(decimalN): expected {expected}, actual {actual}");
    }

    [Fact]
    public async Task Average_double_and_nullable()
    {
        QueryCheck.Close("Average(double)", _f.TypeSamples.Average(t => t.Double), await _f.Db.TypeSamples.AverageAsync(t => t.Double));
        QueryCheck.Close("Average(float)", _f.TypeSamples.Average(t => t.Float), await _f.Db.TypeSamples.AverageAsync(t => t.Float), relative: 1e-6);
        QueryCheck.Close("Average(intN)", _f.TypeSamples.Average(t => t.IntN), await _f.Db.TypeSamples.AverageAsync(t => t.IntN));
        QueryCheck.Close("Average(longN)", _f.TypeSamples.Average(t => t.LongN), await _f.Db.TypeSamples.AverageAsync(t => t.LongN));
        QueryCheck.Close("Average(doubleN)", _f.TypeSamples.Average(t => t.DoubleN), await _f.Db.TypeSamples.AverageAsync(t => t.DoubleN));
        Assert.Null(await _f.Db.TypeSamples.Where(t => t.IntN == null).AverageAsync(t => t.IntN));
        Assert.Null(await _f.Db.TypeSamples.Where(t => t.Id < 0).AverageAsync(t => t.DoubleN));
        Assert.Null(await _f.Db.TypeSamples.Where(t => t.DecimalN == null).AverageAsync(t => t.DecimalN));
    }

    // ---- streaming

    [Fact]
    public async Task AsAsyncEnumerable_streams_all_rows_in_order()
    {
        var ids = new List<int>();
        await foreach (var post in _f.Db.Posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).AsAsyncEnumerable())
        {
            ids.Add(post.Id);
        }

        QueryCheck.Same("AsAsyncEnumerable", _f.Posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id), ids);
    }

    [Fact]
    public async Task AsAsyncEnumerable_of_projection()
    {
        var values = new List<string>();
        await foreach (var value in _f.Db.Users.OrderBy(u => u.Id).Select(u => u.Email + "|" + u.Name).AsAsyncEnumerable())
        {
            values.Add(value);
        }

        QueryCheck.Same("AsAsyncEnumerable(projection)", _f.Users.OrderBy(u => u.Id).Select(u => u.Email + "|" + u.Name), values);
    }

    [Fact]
    public async Task AsAsyncEnumerable_early_break_releases_the_connection()
    {
        for (var round = 0; round < 30; round++)
        {
            await foreach (var _ in _f.Db.Comments.AsAsyncEnumerable())
            {
                break;
            }
        }

        Assert.Equal(_f.Comments.Count, await _f.Db.Comments.CountAsync());
    }

    [Fact]
    public async Task AsAsyncEnumerable_of_empty_query()
    {
        var count = 0;
        await foreach (var _ in NoUsers.AsAsyncEnumerable())
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Two_streams_interleaved()
    {
        var a = _f.Db.Users.OrderBy(u => u.Id).AsAsyncEnumerable().GetAsyncEnumerator();
        var b = _f.Db.Users.OrderByDescending(u => u.Id).AsAsyncEnumerable().GetAsyncEnumerator();
        try
        {
            var pairs = new List<(int, int)>();
            while (await a.MoveNextAsync() && await b.MoveNextAsync())
            {
                pairs.Add((a.Current.Id, b.Current.Id));
            }

            var up = _f.Users.OrderBy(u => u.Id).Select(u => u.Id).ToList();
            Assert.Equal(up.Zip(Enumerable.Reverse(up)), pairs);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_queries_on_one_client()
    {
        var tasks = Enumerable.Range(0, 20).Select(i => _f.Db.Users.Where(u => u.Id % 20 == i).ToListAsync()).ToArray();
        var results = await Task.WhenAll(tasks);
        QueryCheck.SameSet("union of 20 concurrent queries", _f.Users.Select(u => u.Id), results.SelectMany(r => r.Select(u => u.Id)));
    }
}
