using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>Keyset paging: every row exactly once across pages, in order, with ties broken by the primary key.</summary>
public sealed class CursorPagingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<Post> _posts = [];
    private int _authorId;

    public async Task InitializeAsync()
    {
        var author = await fixture.Db.Users.CreateAsync(new() { Email = $"pager-{Guid.NewGuid():N}@x.io" });
        _authorId = author.Id;
        var start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 23; i++)
        {
            // Groups of three share a timestamp, so CreatedAt alone is not a unique ordering.
            _posts.Add(await fixture.Db.Posts.CreateAsync(new() { Title = $"T{i % 5}", AuthorId = author.Id, CreatedAt = start.AddMinutes(i / 3), Published = i % 2 == 0 }));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<Post> Mine => fixture.Db.Posts.Where(p => p.AuthorId == _authorId);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(23)]
    [InlineData(50)]
    public async Task Pages_cover_every_row_once_in_order(int size)
    {
        var expected = _posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).ToList();
        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Mine.OrderByDescending(p => p.CreatedAt).ToPageAsync(size, cursor);
            seen.AddRange(page.Items.Select(p => p.Id));
            Assert.Equal(page.HasMore, page.NextCursor is not null);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(expected, seen);
        Assert.Equal((int)Math.Ceiling(23.0 / size), pages);
    }

    [Fact]
    public async Task Pages_work_on_projections_and_mixed_directions()
    {
        var expected = _posts.OrderBy(p => p.Title, StringComparer.Ordinal).ThenByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).ToList();
        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var page = await Mine.OrderBy(p => p.Title).ThenByDescending(p => p.CreatedAt).Select(p => new { p.Id, p.Title }).ToPageAsync(4, cursor);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Cursor_starts_after_the_given_row()
    {
        var ordered = _posts.OrderBy(p => p.Id).ToList();
        var after = ordered[4].Id;
        var rows = await Mine.OrderBy(p => p.Id).Cursor(p => p.Id, after).Take(3).ToListAsync();
        Assert.Equal(ordered.Skip(5).Take(3).Select(p => p.Id), rows.Select(p => p.Id));

        var byTime = _posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
        var anchor = byTime[6];
        var next = await Mine.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Cursor(p => new { p.CreatedAt, p.Id }, new { anchor.CreatedAt, anchor.Id }).ToListAsync();
        Assert.Equal(byTime.Skip(7).Select(p => p.Id), next.Select(p => p.Id));
    }

    [Fact]
    public void Sql_uses_row_comparison_when_directions_agree_and_an_or_chain_when_not()
    {
        var same = Mine.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Cursor(p => new { p.CreatedAt, p.Id }, new { CreatedAt = DateTime.UtcNow, Id = 1 }).ToSql();
        Assert.Contains("ROW(\"t0\".\"CreatedAt\", \"t0\".\"Id\") < ROW(", same);

        var mixed = Mine.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Cursor(p => new { p.CreatedAt, p.Id }, new { CreatedAt = DateTime.UtcNow, Id = 1 }).ToSql();
        Assert.Contains("(\"t0\".\"CreatedAt\" < $", mixed);
        Assert.Contains("OR ((\"t0\".\"CreatedAt\" = $", mixed);
        Assert.Contains("AND (\"t0\".\"Id\" > $", mixed);
    }

    [Fact]
    public async Task A_non_unique_ordering_needs_the_primary_key_in_an_explicit_cursor()
    {
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() =>
            Mine.OrderByDescending(p => p.CreatedAt).Cursor(p => p.CreatedAt, DateTime.UtcNow).ToListAsync());
        Assert.Contains("primary key", error.Message);
    }

    [Fact]
    public async Task Tampered_and_foreign_tokens_are_argument_errors()
    {
        var page = await Mine.OrderBy(p => p.Id).ToPageAsync(3);
        var token = page.NextCursor!;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        await Assert.ThrowsAsync<ArgumentException>(() => Mine.OrderBy(p => p.Id).ToPageAsync(3, tampered));
        await Assert.ThrowsAsync<ArgumentException>(() => Mine.OrderBy(p => p.Id).ToPageAsync(3, "not a token!"));
        await Assert.ThrowsAsync<ArgumentException>(() => Mine.OrderBy(p => p.Title).ToPageAsync(3, token));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.OrderBy(u => u.Id).ToPageAsync(3, token));
        Assert.Equal(3, (await Mine.OrderBy(p => p.Id).ToPageAsync(3, token)).Items.Count);
    }

    [Fact]
    public async Task Nullable_sort_keys_are_rejected_clearly()
    {
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => Mine.OrderBy(p => p.Content).ToPageAsync(3));
        Assert.Contains("Content", error.Message);
        Assert.Contains("nullable", error.Message);
    }

    [Fact]
    public async Task Unordered_page_queries_are_rejected()
    {
        await Assert.ThrowsAsync<QueryTranslationException>(() => Mine.ToPageAsync(3));
    }
}
