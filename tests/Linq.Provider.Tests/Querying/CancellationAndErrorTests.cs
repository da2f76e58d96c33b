using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>A cancelled token throws <see cref="OperationCanceledException"/> (or a subclass) from every async operator.</summary>
public sealed class CancellationTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    private static CancellationToken Cancelled()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source.Token;
    }

    public static TheoryData<string> Operators => new()
    {
        "ToListAsync", "ToArrayAsync", "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "CountAsync", "LongCountAsync",
        "AnyAsync", "AllAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync", "CountAsync(predicate)", "FirstAsync(predicate)",
        "AsAsyncEnumerable.WithCancellation",
    };

    [Theory, MemberData(nameof(Operators))]
    public async Task Cancelled_token_throws(string op)
    {
        var users = _f.Db.Users.OrderBy(u => u.Id);
        var ct = Cancelled();
        Func<Task> run = op switch
        {
            "ToListAsync" => () => users.ToListAsync(ct),
            "ToArrayAsync" => () => users.ToArrayAsync(ct),
            "FirstAsync" => () => users.FirstAsync(ct),
            "FirstOrDefaultAsync" => () => users.FirstOrDefaultAsync(ct),
            "SingleAsync" => () => users.Where(u => u.Email == "bob@example.com").SingleAsync(ct),
            "SingleOrDefaultAsync" => () => users.Where(u => u.Email == "bob@example.com").SingleOrDefaultAsync(ct),
            "CountAsync" => () => users.CountAsync(ct),
            "LongCountAsync" => () => users.LongCountAsync(ct),
            "AnyAsync" => () => users.AnyAsync(ct),
            "AllAsync" => () => users.AllAsync(u => u.Id > 0, ct),
            "SumAsync" => () => users.SumAsync(u => u.Id, ct),
            "MinAsync" => () => users.MinAsync(u => u.Id, ct),
            "MaxAsync" => () => users.MaxAsync(u => u.Id, ct),
            "AverageAsync" => () => users.AverageAsync(u => u.Id, ct),
            "CountAsync(predicate)" => () => users.CountAsync(u => u.Role == Role.Admin, ct),
            "FirstAsync(predicate)" => () => users.FirstAsync(u => u.Role == Role.Admin, ct),
            "AsAsyncEnumerable.WithCancellation" => async () =>
            {
                await foreach (var _ in users.AsAsyncEnumerable().WithCancellation(ct))
                {
                }
            },
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task Cancelling_while_streaming_stops_the_stream()
    {
        using var source = new CancellationTokenSource();
        var read = 0;
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in _f.Db.Comments.OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(source.Token))
            {
                read++;
                if (read == 3)
                {
                    await source.CancelAsync();
                }
            }
        });

        Assert.True(error is OperationCanceledException, $"expected OperationCanceledException after cancelling at row 3 of {_f.Comments.Count}; got {(error is null ? "no exception, read " + read + " rows" : QueryCheck.Describe(error))}");
        Assert.True(read < _f.Comments.Count, "the stream kept going after cancellation");
    }

    [Fact]
    public async Task Client_still_works_after_cancellations()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _f.Db.Posts.ToListAsync(Cancelled()));
        }

        Assert.Equal(_f.Posts.Count, (await _f.Db.Posts.ToListAsync()).Count);
    }
}

/// <summary>
/// Constructs without a translation throw <see cref="QueryTranslationException"/> whose message names the
/// sub-expression (method/operator); nothing is evaluated on the client instead.
/// </summary>
public sealed class UnsupportedConstructTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    private static bool IsVip(User user) => user.Role == Role.Admin;

    private static string Shout(string text) => text.ToUpperInvariant() + "!";

    public static TheoryData<string, string> Cases => new()
    {
        { "local method on the row in Where", "IsVip" },
        { "local method on a column in Where", "Shout" },
        { "local method in OrderBy", "Shout" },
        { "MaxBy over combined projections without an ordering", "MaxBy" },
        { "MinBy after Distinct", "MinBy" },
        { "Last without an ordering", "Last" },
        { "LastOrDefault without an ordering", "LastOrDefault" },
        { "ElementAt(^1)", "ElementAt" },
        { "Chunk", "Chunk" },
        { "UnionBy", "UnionBy" },
        { "Contains of a whole row", "Contains" },
        { "OfType of an unrelated type", "OfType" },
        { "Equals of two types", "Equals" },
        { "Prepend", "Prepend" },
        { "DefaultIfEmpty", "DefaultIfEmpty" },
        { "DistinctBy", "DistinctBy" },
        { "indexed Select((x, i) => …)", "Select" },
        { "indexed Where((x, i) => …)", "Where" },
        { "TakeWhile", "TakeWhile" },
        { "SkipWhile", "SkipWhile" },
        { "Reverse without an ordering", "Reverse" },
        { "Aggregate", "Aggregate" },
        { "Zip", "Zip" },
        { "local method in a nested predicate", "IsVip" },
        { "ToString() with a format in Where", "ToString" },
        { "double.ToString() in Where", "ToString" },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Throws_QueryTranslationException_naming_the_construct(string name, string mentions)
    {
        var users = _f.Db.Users;
        Func<Task> run = name switch
        {
            "local method on the row in Where" => () => users.Where(u => IsVip(u)).ToListAsync(),
            "local method on a column in Where" => () => users.Where(u => Shout(u.Email) == "X").ToListAsync(),
            "local method in OrderBy" => () => users.OrderBy(u => Shout(u.Email)).ToListAsync(),
            "MaxBy over combined projections without an ordering" => () => Task.FromResult(users.Select(u => u.Id).Union(users.Select(u => u.Id)).MaxBy(i => i % 3)),
            "MinBy after Distinct" => () => Task.FromResult(users.Select(u => u.Role).Distinct().MinBy(r => r)),
            "Last without an ordering" => () => Task.FromResult(users.Last()),
            "LastOrDefault without an ordering" => () => Task.FromResult(users.Where(u => u.Id > 2).LastOrDefault()),
            "ElementAt(^1)" => () => Task.FromResult(users.OrderBy(u => u.Id).ElementAt(^1)),
            "Chunk" => () => users.OrderBy(u => u.Id).Chunk(3).ToListAsync(),
            "UnionBy" => () => users.UnionBy(users, u => u.Role).ToListAsync(),
            "Contains of a whole row" => () => Task.FromResult(users.Contains(new User { Email = "x" })),
            "OfType of an unrelated type" => () => users.Select(u => u.Id).OfType<long>().ToListAsync(),
            "Equals of two types" => () => users.Where(u => u.Id.Equals(1L)).ToListAsync(),
            "Prepend" => () => users.Select(u => u.Id).Prepend(0).ToListAsync(),
            "DefaultIfEmpty" => () => users.DefaultIfEmpty().ToListAsync(),
            "DistinctBy" => () => users.DistinctBy(u => u.Role).ToListAsync(),
            "indexed Select((x, i) => …)" => () => users.Select((u, i) => new { u.Id, i }).ToListAsync(),
            "indexed Where((x, i) => …)" => () => users.Where((u, i) => i > 2).ToListAsync(),
            "TakeWhile" => () => users.OrderBy(u => u.Id).TakeWhile(u => u.Id < 5).ToListAsync(),
            "SkipWhile" => () => users.OrderBy(u => u.Id).SkipWhile(u => u.Id < 5).ToListAsync(),
            "Reverse without an ordering" => () => users.Reverse().ToListAsync(),
            "Aggregate" => () => Task.FromResult(users.Select(u => u.Id).Aggregate((a, b) => a + b)),
            "Zip" => () => users.Zip(users.OrderByDescending(u => u.Id)).ToListAsync(),
            "local method in a nested predicate" => () => _f.Db.Posts.Where(p => p.Author!.Posts.Any(q => IsVip(q.Author!))).ToListAsync(),
            "ToString() with a format in Where" => () => users.Where(u => u.Id.ToString("D3") == "001").ToListAsync(),
            "double.ToString() in Where" => () => users.Where(u => (u.Id / 3.0).ToString() == "2").ToListAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var error = await Record.ExceptionAsync(run);
        Assert.True(error is QueryTranslationException,
            $"{name}: expected QueryTranslationException, got {(error is null ? "no exception (the query ran)" : QueryCheck.Describe(error))}");
        Assert.Contains(mentions, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untranslatable_projection_before_a_filter_is_not_run_on_the_client()
    {
        // Shout in a projection that is then filtered cannot be a client-side final projection.
        var error = await Record.ExceptionAsync(() => _f.Db.Users.Select(u => Shout(u.Email)).Where(s => s.StartsWith("A")).ToListAsync());
        Assert.True(error is QueryTranslationException, "expected QueryTranslationException, got " + (error is null ? "rows" : QueryCheck.Describe(error)));
        Assert.Contains("Shout", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_operators_throw_the_same_exception()
    {
        var error = Assert.Throws<QueryTranslationException>(() => _f.Db.Users.Where(u => IsVip(u)).ToList());
        Assert.Contains("IsVip", error.Message, StringComparison.Ordinal);
        var count = Assert.Throws<QueryTranslationException>(() => _f.Db.Users.Count(u => IsVip(u)));
        Assert.Contains("IsVip", count.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSql_throws_the_same_exception()
    {
        var error = Assert.Throws<QueryTranslationException>(() => _f.Db.Users.Where(u => IsVip(u)).ToSql());
        Assert.Contains("IsVip", error.Message, StringComparison.Ordinal);
    }
}
