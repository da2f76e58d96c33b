using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>Include/ThenInclude, filtered includes and nested selects: one statement, exact values, ordered children.</summary>
public sealed class RelationLoadingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private User _alice = null!;
    private User _bob = null!;
    private User _carol = null!;

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        _alice = await fixture.Db.Users.CreateAsync(new() { Email = $"alice-{tag}@x.io", Name = "Alice" });
        _bob = await fixture.Db.Users.CreateAsync(new() { Email = $"bob-{tag}@x.io", Name = "Bob" });
        _carol = await fixture.Db.Users.CreateAsync(new() { Email = $"carol-{tag}@x.io" });
        await fixture.Db.Profiles.CreateAsync(new() { UserId = _alice.Id, Bio = "Alice's bio" });
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4; i++)
        {
            var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"A{i}", AuthorId = _alice.Id, Published = i % 2 == 0, CreatedAt = start.AddDays(i) });
            for (var c = 0; c < i; c++)
            {
                await fixture.Db.Comments.CreateAsync(new() { Text = $"A{i}-c{c}", PostId = post.Id });
            }
        }

        await fixture.Db.Posts.CreateAsync(new() { Title = "B0", AuthorId = _bob.Id, CreatedAt = start });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IQueryable<User> Mine => fixture.Db.Users.Where(u => u.Id == _alice.Id || u.Id == _bob.Id || u.Id == _carol.Id).OrderBy(u => u.Id);

    [Fact]
    public async Task Include_collection_and_then_include()
    {
        var users = await Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync();

        Assert.Equal([_alice.Id, _bob.Id, _carol.Id], users.Select(u => u.Id));
        Assert.Equal(["A0", "A1", "A2", "A3"], users[0].Posts.Select(p => p.Title));
        Assert.Equal([0, 1, 2, 3], users[0].Posts.Select(p => p.Comments.Count));
        Assert.Equal(["A3-c0", "A3-c1", "A3-c2"], users[0].Posts[3].Comments.Select(c => c.Text));
        Assert.Equal(["B0"], users[1].Posts.Select(p => p.Title));
        Assert.Empty(users[2].Posts);
        Assert.NotNull(users[2].Posts);
        Assert.All(users[0].Posts, p => Assert.Equal(DateTimeKind.Utc, p.CreatedAt.Kind));
        Assert.Equal(new DateTime(2024, 1, 4, 0, 0, 0, DateTimeKind.Utc), users[0].Posts[3].CreatedAt);
    }

    [Fact]
    public async Task Filtered_include_keeps_filter_order_and_limit()
    {
        var users = await Mine.Include(u => u.Posts.Where(p => p.Published).OrderByDescending(p => p.CreatedAt).Take(1)).ToListAsync();
        Assert.Equal(["A2"], users[0].Posts.Select(p => p.Title));
        Assert.Empty(users[1].Posts);

        var all = await Mine.Include(u => u.Posts.OrderByDescending(p => p.CreatedAt).Skip(1)).ToListAsync();
        Assert.Equal(["A2", "A1", "A0"], all[0].Posts.Select(p => p.Title));
    }

    [Fact]
    public async Task Include_to_one_both_directions()
    {
        var posts = await fixture.Db.Posts.Where(p => p.AuthorId == _alice.Id || p.AuthorId == _bob.Id).OrderBy(p => p.Id).Include(p => p.Author).ToListAsync();
        Assert.All(posts, p => Assert.Equal(p.AuthorId, p.Author!.Id));
        Assert.Equal("Alice", posts[0].Author!.Name);

        var users = await Mine.Include(u => u.Profile).Include(u => u.Posts).ToListAsync();
        Assert.Equal("Alice's bio", users[0].Profile!.Bio);
        Assert.Null(users[1].Profile);
        Assert.Equal(4, users[0].Posts.Count);

        // A leaf collection travels as column arrays: every field must match the table.
        var direct = await fixture.Db.Posts.Where(p => p.AuthorId == _alice.Id).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(direct.Select(p => (p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt)),
            users[0].Posts.Select(p => (p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt)));
        Assert.All(users[0].Posts, p => Assert.Equal(DateTimeKind.Utc, p.CreatedAt.Kind));
        Assert.Contains("array_agg", Mine.Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Join).ToSql());

        var comments = await fixture.Db.Comments.Where(c => c.Post!.AuthorId == _alice.Id).OrderBy(c => c.Id)
            .Include(c => c.Post).ThenInclude(p => p!.Author).ToListAsync();
        Assert.Equal(6, comments.Count);
        Assert.All(comments, c => Assert.Equal("Alice", c.Post!.Author!.Name));
    }

    [Fact]
    public async Task Include_runs_one_statement()
    {
        var sql = Mine.Include(u => u.Posts).ThenInclude(p => p.Comments).Include(u => u.Profile).RelationLoadStrategy(LoadStrategy.Join).ToSql();
        Assert.Equal(1, CountOf(sql, "SELECT \"t0\"."));
        Assert.Equal(3, CountOf(sql, "LEFT JOIN LATERAL"));
        Assert.DoesNotContain(";", sql);
    }

    [Fact]
    public async Task Nested_select_at_depth()
    {
        var rows = await Mine.Select(u => new
        {
            u.Name,
            Posts = u.Posts.Where(p => p.Title != "A0").OrderByDescending(p => p.Id).Select(p => new { p.Title, Comments = p.Comments.Count(), Texts = p.Comments.Select(c => c.Text).ToList() }).ToList(),
            PostCount = u.Posts.Count(),
        }).ToListAsync();

        Assert.Equal(3, rows.Count);
        Assert.Equal(["A3", "A2", "A1"], rows[0].Posts.Select(p => p.Title));
        Assert.Equal([3, 2, 1], rows[0].Posts.Select(p => p.Comments));
        Assert.Equal(["A3-c0", "A3-c1", "A3-c2"], rows[0].Posts[0].Texts);
        Assert.Equal(4, rows[0].PostCount);
        Assert.Empty(rows[2].Posts);
        Assert.Null(rows[2].Name);
    }

    [Fact]
    public async Task Navigation_collection_selected_directly()
    {
        var rows = await Mine.Select(u => new { u.Id, u.Posts, Author = u.Profile }).ToListAsync();
        Assert.Equal(4, rows[0].Posts.Count);
        Assert.Equal("Alice's bio", rows[0].Author!.Bio);
        Assert.Null(rows[1].Author);
    }

    [Fact]
    public async Task Values_inside_relations_round_trip_exactly()
    {
        var sample = await fixture.Db.TypeSamples.CreateAsync(new()
        {
            Text = "parent", Bytes = [], Tags = [], Numbers = [], Json = JsonDocument.Parse("{}"), Element = JsonDocument.Parse("1").RootElement,
            Int = 1, Long = 1, Short = 1, Bool = true, Decimal = 1, Double = 1, Float = 1, Guid = Guid.NewGuid(), Timestamp = DateTime.UnixEpoch,
            Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Mood = Mood.Happy,
        });
        var inputs = new[]
        {
            new ReadingCreateInput
            {
                SampleId = sample.Id, Long = long.MaxValue, Decimal = 1234567890.123456789012345678m, Double = 0.1 + 0.2, Float = 3.4028235E+38f,
                // Dates stay inside DateOnly.MinValue/MaxValue, which would be stored as infinity and are refused (InfiniteTimestampTests).
                At = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990), Offset = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10),
                Date = new DateOnly(1, 1, 2), Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)), Guid = Guid.NewGuid(), Bytes = [0, 255, 16],
                Mood = Mood.Meh, MoodN = null, Note = "quote \" backslash \\ unicode é 🎉 \u0001", Numbers = [int.MinValue, int.MaxValue], Tags = ["a", "", "🎉"],
                Json = JsonDocument.Parse("""{"big": 12345678901234567890123, "s": "x"}"""), Flag = true, Short = short.MinValue,
            },
            new ReadingCreateInput
            {
                SampleId = sample.Id, Long = long.MinValue, Decimal = -79228162514264337593543950335m, Double = double.Epsilon, Float = -0.5f,
                At = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(10), Offset = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
                Date = new DateOnly(9999, 12, 30), Time = TimeOnly.MinValue, Guid = Guid.Empty, Bytes = null,
                Mood = Mood.Happy, MoodN = Mood.Sad, Note = null, Numbers = [], Tags = null, Json = null, Flag = false, Short = short.MaxValue,
            },
        };
        foreach (var input in inputs)
        {
            await fixture.Db.Readings.CreateAsync(input);
        }

        var expected = await fixture.Db.Readings.Where(r => r.SampleId == sample.Id).OrderBy(r => r.Id).ToListAsync();
        var loaded = (await fixture.Db.TypeSamples.Where(s => s.Id == sample.Id).Include(s => s.Readings).SingleAsync()).Readings;
        var projected = (await fixture.Db.TypeSamples.Where(s => s.Id == sample.Id)
            .Select(s => s.Readings.OrderBy(r => r.Id).Select(r => new { r.Long, r.Decimal, r.At, r.Offset, r.Bytes, r.MoodN, r.Double }).ToList()).SingleAsync());

        Assert.Equal(2, loaded.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], loaded[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Long, a.Long);
            Assert.Equal(e.Decimal, a.Decimal);
            Assert.Equal(e.Double, a.Double);
            Assert.Equal(e.Float, a.Float);
            Assert.Equal(e.At, a.At);
            Assert.Equal(DateTimeKind.Utc, a.At.Kind);
            Assert.Equal(e.Offset, a.Offset);
            Assert.Equal(e.Offset.Offset, a.Offset.Offset);
            Assert.Equal(e.Date, a.Date);
            Assert.Equal(e.Time, a.Time);
            Assert.Equal(e.Guid, a.Guid);
            Assert.Equal(e.Bytes, a.Bytes);
            Assert.Equal(e.Mood, a.Mood);
            Assert.Equal(e.MoodN, a.MoodN);
            Assert.Equal(e.Note, a.Note);
            Assert.Equal(e.Numbers, a.Numbers);
            Assert.Equal(e.Tags, a.Tags);
            Assert.Equal(e.Json?.RootElement.GetRawText(), a.Json?.RootElement.GetRawText());
            Assert.Equal(e.Flag, a.Flag);
            Assert.Equal(e.Short, a.Short);

            Assert.Equal(e.Long, projected[i].Long);
            Assert.Equal(e.Decimal, projected[i].Decimal);
            Assert.Equal(e.At, projected[i].At);
            Assert.Equal(e.Offset, projected[i].Offset);
            Assert.Equal(e.Bytes, projected[i].Bytes);
            Assert.Equal(e.MoodN, projected[i].MoodN);
            Assert.Equal(e.Double, projected[i].Double);
        }

        // The values that naive JSON clients lose, checked against the inputs themselves.
        Assert.Equal(long.MaxValue, loaded[0].Long);
        Assert.Equal(long.MinValue, loaded[1].Long);
        Assert.Equal(1234567890.123456789012345678m, loaded[0].Decimal);
        Assert.Equal(inputs[0].At, loaded[0].At);
        Assert.Equal(inputs[0].Offset, loaded[0].Offset);
    }

    [Fact]
    public async Task Relation_counts_order_and_filters_work_inside_nested_selects()
    {
        var byPosts = await Mine.OrderByDescending(u => u.Posts.Count()).ThenBy(u => u.Id).Select(u => new { u.Id, Count = u.Posts.Count(p => p.Published) }).ToListAsync();
        Assert.Equal([_alice.Id, _bob.Id, _carol.Id], byPosts.Select(r => r.Id));
        Assert.Equal([2, 0, 0], byPosts.Select(r => r.Count));

        var nested = await Mine.Select(u => new
        {
            u.Id,
            Commented = u.Posts.Where(p => p.Comments.Any()).Select(p => p.Title).ToList(),
            AllPublished = u.Posts.Where(p => p.Comments.All(c => c.Text.StartsWith("A"))).Select(p => new { p.Title, First = p.Comments.Count(c => c.Text.EndsWith("c0")) }).ToList(),
        }).ToListAsync();
        Assert.Equal(["A1", "A2", "A3"], nested[0].Commented);
        Assert.Equal(["A0", "A1", "A2", "A3"], nested[0].AllPublished.Select(p => p.Title));
        Assert.Equal([0, 1, 1, 1], nested[0].AllPublished.Select(p => p.First));
        Assert.Equal(["B0"], nested[1].AllPublished.Select(p => p.Title));
    }

    [Fact]
    public async Task Timestamps_inside_relations_do_not_depend_on_the_session_time_zone()
    {
        // Before 1891 Paris time was UTC+00:09:21: PostgreSQL would print that offset in seconds.
        var old = new DateTime(1850, 6, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1230);
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "old", AuthorId = _carol.Id, CreatedAt = old });
        var paris = new Npgsql.NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Options = "-c TimeZone=Europe/Paris" };
        await using var db = new TestDb(paris.ConnectionString);
        var carol = await db.Users.Where(u => u.Id == _carol.Id).Include(u => u.Posts).SingleAsync();
        Assert.Equal(old, Assert.Single(carol.Posts).CreatedAt);
        var projected = await db.Users.Where(u => u.Id == _carol.Id).Select(u => u.Posts.Select(p => p.CreatedAt).ToList()).SingleAsync();
        Assert.Equal(old, Assert.Single(projected));
        await fixture.Db.Posts.DeleteAsync(p => p.Id == post.Id);
    }

    [Fact]
    public async Task Roots_are_paged_before_their_relations_are_built()
    {
        var query = fixture.Db.Users.Where(u => u.Id == _alice.Id || u.Id == _bob.Id || u.Id == _carol.Id)
            .OrderByDescending(u => u.Email).Skip(1).Take(1).Include(u => u.Posts, LoadStrategy.Join);
        var sql = query.ToSql();
        Assert.Matches("FROM \\(SELECT .* LIMIT .*\\) AS \"t\\d+\" LEFT JOIN LATERAL", sql);
        var page = await query.ToListAsync();
        Assert.Equal(_bob.Id, Assert.Single(page).Id);
        Assert.Equal(["B0"], page[0].Posts.Select(p => p.Title));

        var first = await fixture.Db.Users.Where(u => u.Id == _alice.Id).Include(u => u.Posts).FirstAsync();
        Assert.Equal(4, first.Posts.Count);
    }

    [Fact]
    public async Task Include_on_a_projection_is_rejected()
    {
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => Mine.Include(u => u.Posts).Select(u => u.Name).ToListAsync());
        Assert.Contains("Include", error.Message);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
