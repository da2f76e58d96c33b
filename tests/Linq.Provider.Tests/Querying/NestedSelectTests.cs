using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Queries over relations inside a projection: Where, OrderBy/ThenBy, Skip/Take and Distinct in any order, aggregates
/// after them, First/Single, scalar and projected lists, two levels deep; each with both load strategies. The expected
/// results run the very same LINQ over objects built from rows read with plain Npgsql (navigations wired by hand in key
/// order), and both sides are compared as JSON text (which shows DateTime kinds and decimal scales).
/// </summary>
public sealed class NestedSelectTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] Titles = ["alpha", "beta", "alpha", "gamma", "beta", "delta", "alpha"];
    private static readonly int[] PostsPerUser = [0, 1, 4, 7, 3];

    private readonly List<int> _userIds = [];
    private long _sampleWithReadings;
    private long _sampleWithout;
    private List<User> _users = [];
    private List<TypeSample> _samples = [];

    public static TheoryData<LoadStrategy> Strategies => [LoadStrategy.Join, LoadStrategy.Query];

    public async Task InitializeAsync()
    {
        var db = fixture.Db;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var start = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var postIndex = 0;
        for (var u = 0; u < PostsPerUser.Length; u++)
        {
            var user = await db.Users.CreateAsync(new() { Email = $"ns-{tag}-{u}@x.io", Name = u == 2 ? null : "U" + u });
            _userIds.Add(user.Id);
            for (var i = 0; i < PostsPerUser[u]; i++, postIndex++)
            {
                var post = await db.Posts.CreateAsync(new()
                {
                    Title = Titles[(postIndex * 3 + u) % Titles.Length],
                    Content = postIndex % 3 == 0 ? null : "content " + postIndex,
                    Published = u != 4 && postIndex % 2 == 0,
                    AuthorId = user.Id,
                    // Pairs share a timestamp, so orderings by it need their tie-breaker.
                    CreatedAt = start.AddHours(postIndex / 2),
                });
                for (var c = 0; c < postIndex % 4; c++)
                {
                    await db.Comments.CreateAsync(new() { Text = "c" + (c % 2), PostId = post.Id, CreatedAt = start.AddMinutes(postIndex * 10 + c) });
                }
            }
        }

        var with = await db.TypeSamples.CreateAsync(Sample("with readings"));
        var without = await db.TypeSamples.CreateAsync(Sample("without readings"));
        (_sampleWithReadings, _sampleWithout) = (with.Id, without.Id);
        for (var i = 0; i < 5; i++)
        {
            await db.Readings.CreateAsync(new()
            {
                SampleId = with.Id, Long = i * 1_000_000_000_000L, Decimal = 1.10m * i - 2.5m, Double = i * 0.25, Float = i, Short = (short)i, Flag = i % 2 == 0,
                At = new DateTime(2023, 12, 31, 23, 0, 0, DateTimeKind.Utc).AddMinutes(i * 37).AddTicks(i * 10),
                Offset = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i), Date = new DateOnly(2024, 1, 1).AddDays(i), Time = new TimeOnly(i, 0),
                Guid = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]), Mood = (Mood)(i % 3), MoodN = i % 2 == 0 ? null : (Mood)((i + 1) % 3),
                Note = i % 3 == 0 ? null : "note " + i,
            });
        }

        await ReadExpectedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static TypeSampleCreateInput Sample(string text) => new()
    {
        Text = text, Bytes = [], Tags = [], Numbers = [], Json = JsonDocument.Parse("{}"), Element = JsonDocument.Parse("1").RootElement,
        Int = 1, Long = 1, Short = 1, Bool = true, Decimal = 1, Double = 1, Float = 1, Mood = Mood.Happy,
        Guid = Guid.NewGuid(), Timestamp = DateTime.UnixEpoch, Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue,
    };

    // The rows of this test, read with plain Npgsql into model objects whose navigations hold their rows in key order.
    private async Task ReadExpectedAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        async Task<List<T>> Read<T>(string sql, Func<NpgsqlDataReader, T> row, object parameter)
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = parameter } } };
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync())
            {
                rows.Add(row(reader));
            }

            return rows;
        }

        var ids = _userIds.ToArray();
        _users = await Read("SELECT \"Id\", \"Email\", \"Name\" FROM \"User\" WHERE \"Id\" = ANY($1) ORDER BY \"Id\"",
            r => new User { Id = r.GetInt32(0), Email = r.GetString(1), Name = r.IsDBNull(2) ? null : r.GetString(2) }, ids);
        var posts = await Read("SELECT \"Id\", \"Title\", \"Content\", \"Published\", \"AuthorId\", \"CreatedAt\" FROM \"Post\" WHERE \"AuthorId\" = ANY($1) ORDER BY \"Id\"",
            r => new Post
            {
                Id = r.GetInt32(0), Title = r.GetString(1), Content = r.IsDBNull(2) ? null : r.GetString(2), Published = r.GetBoolean(3), AuthorId = r.GetInt32(4),
                CreatedAt = r.GetFieldValue<DateTime>(5),
            }, ids);
        var comments = await Read("SELECT \"Id\", \"Text\", \"post_id\", \"CreatedAt\" FROM \"comments\" WHERE \"post_id\" = ANY($1) ORDER BY \"Id\"",
            r => new Comment { Id = r.GetInt32(0), Text = r.GetString(1), PostId = r.GetInt32(2), CreatedAt = r.GetFieldValue<DateTime>(3) }, posts.Select(p => p.Id).ToArray());
        foreach (var post in posts)
        {
            post.Comments = [.. comments.Where(c => c.PostId == post.Id)];
        }

        foreach (var user in _users)
        {
            user.Posts = [.. posts.Where(p => p.AuthorId == user.Id)];
        }

        var sampleIds = new[] { _sampleWithReadings, _sampleWithout };
        _samples = await Read("SELECT \"Id\", \"Text\" FROM \"TypeSample\" WHERE \"Id\" = ANY($1) ORDER BY \"Id\"",
            r => new TypeSample { Id = r.GetInt64(0), Text = r.GetString(1), Bytes = [], Tags = [], Numbers = [], Json = JsonDocument.Parse("{}") }, sampleIds);
        var readings = await Read(
            "SELECT \"Id\", \"SampleId\", \"Long\", \"Decimal\", \"Double\", \"Short\", \"Flag\", \"At\", \"Mood\"::text, \"MoodN\"::text, \"Note\", \"Float\", \"Offset\", \"Date\", \"Time\", \"Guid\" FROM \"Reading\" WHERE \"SampleId\" = ANY($1) ORDER BY \"Id\"",
            r => new Reading
            {
                Id = r.GetInt64(0), SampleId = r.GetInt64(1), Long = r.GetInt64(2), Decimal = r.GetDecimal(3), Double = r.GetDouble(4), Short = r.GetInt16(5),
                Flag = r.GetBoolean(6), At = r.GetFieldValue<DateTime>(7), Mood = Enum.Parse<Mood>(r.GetString(8), ignoreCase: true),
                MoodN = r.IsDBNull(9) ? null : Enum.Parse<Mood>(r.GetString(9), ignoreCase: true), Note = r.IsDBNull(10) ? null : r.GetString(10),
                Float = r.GetFloat(11), Offset = r.GetFieldValue<DateTimeOffset>(12), Date = r.GetFieldValue<DateOnly>(13), Time = r.GetFieldValue<TimeOnly>(14),
                Guid = r.GetGuid(15),
            }, sampleIds);
        foreach (var sample in _samples)
        {
            sample.Readings = [.. readings.Where(r => r.SampleId == sample.Id)];
        }

        Assert.Equal(PostsPerUser.Sum(), posts.Count);
        Assert.Equal(5, readings.Count);
    }

    private IQueryable<User> Users(LoadStrategy strategy)
    {
        var ids = _userIds;
        var users = fixture.Db.Users.Where(u => ids.Contains(u.Id));
        return strategy == LoadStrategy.Join ? users : users.RelationLoadStrategy(strategy);
    }

    private IQueryable<TypeSample> Samples(LoadStrategy strategy)
    {
        var ids = new[] { _sampleWithReadings, _sampleWithout };
        var samples = fixture.Db.TypeSamples.Where(s => ids.Contains(s.Id));
        return strategy == LoadStrategy.Join ? samples : samples.RelationLoadStrategy(strategy);
    }

    // The same query over the database and over the objects read with plain Npgsql, compared as JSON.
    private async Task CheckAsync<T>(string label, LoadStrategy strategy, Func<IQueryable<User>, IQueryable<T>> query)
    {
        var expected = query(_users.AsQueryable()).ToList();
        var actual = await QueryCheck.ListAsync(query(Users(strategy).OrderBy(u => u.Id)));
        Assert.True(JsonSerializer.Serialize(expected) == JsonSerializer.Serialize(actual),
            $"{label} ({strategy})\n  expected: {JsonSerializer.Serialize(expected)}\n  actual:   {JsonSerializer.Serialize(actual)}\n  sql: {QueryCheck.Sql(query(Users(strategy).OrderBy(u => u.Id)))}");
    }

    private async Task CheckSamplesAsync<T>(string label, LoadStrategy strategy, Func<IQueryable<TypeSample>, IQueryable<T>> query)
    {
        var expected = query(_samples.AsQueryable()).ToList();
        var actual = await QueryCheck.ListAsync(query(Samples(strategy).OrderBy(s => s.Id)));
        Assert.True(JsonSerializer.Serialize(expected) == JsonSerializer.Serialize(actual),
            $"{label} ({strategy})\n  expected: {JsonSerializer.Serialize(expected)}\n  actual:   {JsonSerializer.Serialize(actual)}\n  sql: {QueryCheck.Sql(query(Samples(strategy).OrderBy(s => s.Id)))}");
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Filter_order_and_page_in_any_order(LoadStrategy strategy)
    {
        await CheckAsync("headline", strategy, q => q.Select(u => new
        {
            u.Name,
            Recent = u.Posts.Where(p => p.Published).OrderByDescending(p => p.CreatedAt).Take(3).Select(p => new { p.Title }).ToList(),
        }));
        await CheckAsync("ties keep the earlier order", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.CreatedAt).Select(p => p.Id).ToList()));
        await CheckAsync("a later OrderBy keeps the earlier one for ties", strategy, q => q.Select(u => u.Posts.OrderByDescending(p => p.Id).OrderBy(p => p.CreatedAt).Select(p => p.Id).ToList()));
        await CheckAsync("ThenByDescending", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Title).ThenByDescending(p => p.CreatedAt).Select(p => p.Id).ToList()));
        await CheckAsync("Skip and Take", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip(1).Take(2).Select(p => p.Id).ToArray()));
        await CheckAsync("Take then Skip", strategy, q => q.Select(u => u.Posts.OrderByDescending(p => p.Id).Take(5).Skip(2).Select(p => p.Id).ToList()));
        await CheckAsync("Skip twice, Take twice", strategy, q => q.Select(u => u.Posts.Skip(1).Take(4).Skip(1).Take(2).Select(p => p.Id).ToList()));
        await CheckAsync("Where after Take", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Take(4).Where(p => p.Published).Select(p => p.Id).ToList()));
        await CheckAsync("OrderBy after Take", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Take(4).OrderByDescending(p => p.Title).Select(p => p.Id).ToList()));
        await CheckAsync("Select then Take then OrderBy", strategy, q => q.Select(u => u.Posts.Select(p => p.Title).Take(3).OrderBy(t => t).ToList()));
        await CheckAsync("Where after Skip, then Take", strategy, q => q.Select(u => u.Posts.OrderByDescending(p => p.CreatedAt).Skip(1).Where(p => p.Content != null).Take(2)
            .Select(p => new { p.Id, p.Content }).ToList()));
        await CheckAsync("projection before the filter", strategy, q => q.Select(u => u.Posts.Select(p => new { p.Id, p.Title, Open = p.Published })
            .Where(x => x.Open || x.Title == "beta").OrderByDescending(x => x.Id).Take(3).ToList()));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Distinct_keeps_the_first_occurrence_order(LoadStrategy strategy)
    {
        await CheckAsync("titles", strategy, q => q.Select(u => u.Posts.Select(p => p.Title).Distinct().ToList()));
        await CheckAsync("titles by newest", strategy, q => q.Select(u => u.Posts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Title).Distinct().ToList()));
        await CheckAsync("then ordered", strategy, q => q.Select(u => u.Posts.Select(p => p.Title).Distinct().OrderByDescending(t => t).ToList()));
        await CheckAsync("then paged", strategy, q => q.Select(u => u.Posts.Select(p => p.Title).Distinct().Skip(1).Take(2).ToArray()));
        await CheckAsync("of a page", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Take(3).Select(p => p.Title).Distinct().ToList()));
        await CheckAsync("then filtered", strategy, q => q.Select(u => u.Posts.Select(p => p.Title).Distinct().Where(t => t != "alpha").ToList()));
        await CheckAsync("anonymous", strategy, q => q.Select(u => u.Posts.Select(p => new { p.Title, p.Published }).Distinct().ToList()));
        await CheckAsync("anonymous, then filtered by a member", strategy, q => q.Select(u => u.Posts.Select(p => new { p.Title, p.Published }).Distinct()
            .Where(x => x.Published).Select(x => x.Title).ToList()));
        await CheckAsync("nullable values", strategy, q => q.Select(u => u.Posts.Select(p => p.Content).Distinct().ToList()));
        await CheckAsync("rows", strategy, q => q.Select(u => u.Posts.Distinct().Select(p => p.Id).ToList()));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Aggregates_after_the_operators(LoadStrategy strategy)
    {
        await CheckAsync("aggregates", strategy, q => q.Select(u => new
        {
            u.Id,
            SumOfThree = u.Posts.OrderBy(p => p.Id).Take(3).Sum(p => p.Id),
            SumAfterSkip = u.Posts.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(1).Sum(p => (long)p.Id),
            Count = u.Posts.Where(p => p.Published).OrderBy(p => p.Id).Count(),
            CountOfPage = u.Posts.OrderBy(p => p.Id).Skip(1).Take(2).Count(),
            CountWhereAfterTake = u.Posts.OrderBy(p => p.Id).Take(3).Count(p => p.Published),
            LongCount = u.Posts.Select(p => p.Title).Distinct().LongCount(),
            DistinctCount = u.Posts.Select(p => p.Title).Distinct().Count(),
            Max = u.Posts.OrderBy(p => p.Id).Take(2).Max(p => (int?)p.Id),
            Min = u.Posts.OrderBy(p => p.Id).Skip(1).Min(p => (int?)p.Id),
            Average = u.Posts.OrderBy(p => p.Id).Take(3).Average(p => (int?)p.Id),
            MinTitle = u.Posts.OrderBy(p => p.Id).Skip(1).Min(p => p.Title),
            MaxContent = u.Posts.OrderBy(p => p.Id).Take(3).Max(p => p.Content),
            Any = u.Posts.OrderBy(p => p.Id).Take(2).Any(p => p.Published),
            AnyAfterSkip = u.Posts.OrderBy(p => p.Id).Skip(3).Any(),
            All = u.Posts.OrderBy(p => p.Id).Take(2).All(p => p.Published),
            AllDistinct = u.Posts.Select(p => p.Title).Distinct().All(t => t != "gamma"),
            Contains = u.Posts.OrderBy(p => p.Id).Take(2).Select(p => p.Title).Contains("alpha"),
        }));
        await CheckAsync("sum of nothing is 0", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Skip(100).Sum(p => p.Id)));
        await CheckAsync("in a filter", strategy, q => q.Where(u => u.Posts.OrderBy(p => p.Id).Take(2).Count(p => p.Published) == 1).Select(u => u.Id));
        await CheckAsync("ordered by", strategy, q => q.OrderByDescending(u => u.Posts.OrderByDescending(p => p.Id).Take(2).Sum(p => p.Id)).ThenBy(u => u.Id).Select(u => u.Id));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Min_Max_Average_of_no_rows_into_a_non_nullable_value_throw_as_in_LINQ(LoadStrategy strategy)
    {
        // Users with posts: the values themselves.
        await CheckAsync("non-empty", strategy, q => q.Where(u => u.Posts.Any()).Select(u => new
        {
            Max = u.Posts.Max(p => p.Id),
            MinOfPage = u.Posts.OrderBy(p => p.Id).Take(2).Min(p => p.Id),
            Average = u.Posts.OrderBy(p => p.Id).Skip(0).Average(p => p.Id),
        }));

        // A user without posts: the same exception LINQ-to-Objects throws, never a silent 0.
        Assert.Throws<InvalidOperationException>(() => _users.Select(u => u.Posts.Max(p => p.Id)).ToList());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users(strategy).Select(u => u.Posts.Max(p => p.Id)).ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users(strategy).Select(u => new { A = u.Posts.OrderBy(p => p.Id).Take(1).Average(p => p.Id) }).ToListAsync());
        // Inside a nested element (related-row JSON): a post without comments.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users(strategy).Select(u => u.Posts.Select(p => new { Min = p.Comments.Min(c => c.CreatedAt) }).ToList()).ToListAsync());
        // The nullable forms give null instead.
        await CheckAsync("nullable forms", strategy, q => q.Select(u => u.Posts.Select(p => new { p.Id, Min = p.Comments.Min(c => (DateTime?)c.CreatedAt), Avg = p.Comments.Average(c => (int?)c.Id) }).ToList()));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task First_and_Single_of_a_relation(LoadStrategy strategy)
    {
        await CheckAsync("first forms", strategy, q => q.Select(u => new
        {
            u.Id,
            Title = u.Posts.Where(p => p.Published).OrderByDescending(p => p.Id).Select(p => p.Title).FirstOrDefault(),
            PostId = u.Posts.OrderByDescending(p => p.CreatedAt).Select(p => p.Id).FirstOrDefault(),
            Shape = u.Posts.OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).FirstOrDefault(),
            AfterPaging = u.Posts.OrderBy(p => p.Id).Skip(2).Select(p => (int?)p.Id).FirstOrDefault(),
            OnlyOne = u.Posts.Where(p => p.Id % 7 == 0).Select(p => p.Id).SingleOrDefault(),
        }));
        await CheckAsync("First where every user has rows", strategy, q => q.Where(u => u.Posts.Any()).Select(u => u.Posts.OrderByDescending(p => p.Id).First().Title));
        await CheckAsync("First with a predicate", strategy, q => q.Where(u => u.Posts.Any(p => p.Content != null)).Select(u => u.Posts.OrderBy(p => p.Id).First(p => p.Content != null).Content));
        await CheckAsync("Single", strategy, q => q.Where(u => u.Posts.Count() == 1).Select(u => u.Posts.Single().Id));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Users(strategy).Select(u => u.Posts.OrderBy(p => p.Id).First().Title).ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users(strategy).Select(u => new { One = u.Posts.SingleOrDefault() }).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Whole_rows_of_a_relation(LoadStrategy strategy)
    {
        static string Describe(Post? p) => p is null ? "-" : $"{p.Id}|{p.Title}|{p.Content}|{p.Published}|{p.AuthorId}|{p.CreatedAt:O}|{p.CreatedAt.Kind}";
        var expected = _users.Select(u => new
        {
            Oldest = Describe(u.Posts.OrderBy(p => p.CreatedAt).FirstOrDefault()),
            Published = Describe(u.Posts.FirstOrDefault(p => p.Published)),
            Page = string.Join(",", u.Posts.OrderBy(p => p.Id).Skip(1).Take(3).Where(p => p.Published).Select(Describe)),
        }).ToList();
        var rows = await Users(strategy).OrderBy(u => u.Id).Select(u => new
        {
            Oldest = u.Posts.OrderBy(p => p.CreatedAt).FirstOrDefault(),
            Published = u.Posts.FirstOrDefault(p => p.Published),
            Page = u.Posts.OrderBy(p => p.Id).Skip(1).Take(3).Where(p => p.Published).ToList(),
        }).ToListAsync();
        var actual = rows.Select(r => new { Oldest = Describe(r.Oldest), Published = Describe(r.Published), Page = string.Join(",", r.Page.Select(Describe)) }).ToList();
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Lists_of_values_and_of_projections(LoadStrategy strategy)
    {
        await CheckAsync("List<int>, string[], List<string?>", strategy, q => q.Select(u => new
        {
            Ids = u.Posts.Select(p => p.Id).ToList(),
            Titles = u.Posts.OrderByDescending(p => p.Id).Select(p => p.Title).ToArray(),
            Contents = u.Posts.Select(p => p.Content).ToList(),
            Dates = u.Posts.OrderBy(p => p.Id).Select(p => p.CreatedAt).ToList(),
            Flags = u.Posts.Select(p => p.Published).ToArray(),
        }));
        await CheckAsync("anonymous list and array", strategy, q => q.Select(u => new
        {
            List = u.Posts.Select(p => new { p.Id, p.Title, Chars = p.Title.Length }).ToList(),
            Array = u.Posts.OrderByDescending(p => p.Id).Take(2).Select(p => new { p.Id, p.CreatedAt }).ToArray(),
            Sequence = u.Posts.Where(p => p.Published).Select(p => new { p.Title }),
        }));
        await CheckAsync("records and classes", strategy, q => q.Select(u => new
        {
            Records = u.Posts.Select(p => new PostRecord(p.Id, p.Title)).ToList(),
            Classes = u.Posts.OrderBy(p => p.Id).Take(2).Select(p => new PostView { Id = p.Id, Content = p.Content }).ToArray(),
        }));
        await CheckSamplesAsync("typed values", strategy, q => q.Select(s => new
        {
            s.Id,
            Decimals = s.Readings.OrderBy(r => r.Id).Select(r => r.Decimal).ToArray(),
            Longs = s.Readings.Select(r => r.Long).ToList(),
            Times = s.Readings.OrderByDescending(r => r.At).Select(r => r.At).ToList(),
            Moods = s.Readings.Select(r => r.Mood).ToArray(),
            NullableMoods = s.Readings.Select(r => r.MoodN).ToList(),
            Notes = s.Readings.Select(r => r.Note).ToList(),
            Shorts = s.Readings.Select(r => (int)r.Short).Distinct().ToList(),
            Doubles = s.Readings.Where(r => r.Flag).Select(r => r.Double).ToArray(),
            Sum = s.Readings.OrderBy(r => r.Id).Take(3).Sum(r => r.Decimal),
            Max = s.Readings.OrderBy(r => r.Id).Take(3).Max(r => (decimal?)r.Decimal),
            Latest = s.Readings.OrderByDescending(r => r.At).Select(r => (DateTime?)r.At).FirstOrDefault(),
            MoodsSeen = s.Readings.Select(r => r.MoodN).Distinct().ToList(),
        }));
        // DateTime kinds: UTC as at the top level.
        var kinds = await Samples(strategy).Select(s => s.Readings.Select(r => r.At).ToList()).ToListAsync();
        Assert.All(kinds.SelectMany(k => k), t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Two_levels_deep(LoadStrategy strategy)
    {
        await CheckAsync("comments of posts", strategy, q => q.Select(u => new
        {
            u.Email,
            Posts = u.Posts.OrderBy(p => p.Id).Select(p => new
            {
                p.Title,
                Top = p.Comments.OrderBy(c => c.Id).Take(2).Select(c => c.Text).ToList(),
                Count = p.Comments.Count(),
                Last = p.Comments.OrderByDescending(c => c.Id).Select(c => c.Text).FirstOrDefault(),
                Texts = p.Comments.Select(c => c.Text).Distinct().ToArray(),
            }).ToList(),
        }));
        await CheckAsync("below a page filtered after paging", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Take(3).Where(p => p.Published)
            .Select(p => new { p.Id, Comments = p.Comments.OrderByDescending(c => c.CreatedAt).Skip(1).Select(c => new { c.Id, c.Text }).ToList() }).ToList()));
        await CheckAsync("sums per post, summed again", strategy, q => q.Select(u => u.Posts.OrderBy(p => p.Id).Take(3).Sum(p => p.Comments.Count())));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Nested_selects_under_paged_roots(LoadStrategy strategy)
    {
        await CheckAsync("paged roots", strategy, q => q.OrderByDescending(u => u.Id).Skip(1).Take(3).Select(u => new
        {
            u.Id,
            Titles = u.Posts.Where(p => p.Published).OrderBy(p => p.Title).ThenBy(p => p.Id).Select(p => p.Title).Take(2).ToList(),
        }));
        await CheckAsync("roots filtered by the relation", strategy, q => q.Where(u => u.Posts.OrderBy(p => p.Id).Take(2).Any(p => p.Published)).Select(u => new
        {
            u.Id,
            First = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).FirstOrDefault(),
        }));
    }

    public static TheoryData<LoadStrategy, bool> StrategiesAndDirections => new()
    {
        { LoadStrategy.Join, false }, { LoadStrategy.Join, true }, { LoadStrategy.Query, false }, { LoadStrategy.Query, true },
    };

    // Lists of plain values in a result column are one binary array_agg each (not JSON): every element type family, NULL
    // elements, empty lists (users without posts), paged and unpaged, under a paged root in both directions, next to a
    // list of whole rows (JSON) in the same projection.
    [Theory]
    [MemberData(nameof(StrategiesAndDirections))]
    public async Task Value_lists_under_paged_roots_in_both_directions(LoadStrategy strategy, bool descending)
    {
        await CheckAsync("value lists", strategy, q => (descending ? q.OrderByDescending(u => u.Id) : q.OrderBy(u => u.Id)).Skip(1).Take(3).Select(u => new
        {
            u.Id,
            Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList(),
            Contents = u.Posts.OrderByDescending(p => p.Id).Select(p => p.Content).ToArray(),
            Dates = u.Posts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(1).Take(2).Select(p => p.CreatedAt).ToList(),
            Computed = u.Posts.OrderBy(p => p.Id).Select(p => p.Title + "!").ToList(),
            Counts = u.Posts.OrderBy(p => p.Id).Select(p => (int?)p.Comments.Count()).ToArray(),
            Flags = u.Posts.Where(p => p.Content != null).Select(p => p.Published).ToList(),
        }));

        var users = descending ? Users(strategy).OrderByDescending(u => u.Id) : Users(strategy).OrderBy(u => u.Id);
        var rows = await users.Select(u => new { u.Id, Posts = u.Posts.OrderBy(p => p.Id).ToList(), Ids = u.Posts.OrderByDescending(p => p.Id).Select(p => (long)p.Id).ToList() })
            .ToListAsync();
        var expected = (descending ? _users.OrderByDescending(u => u.Id) : _users.OrderBy(u => u.Id)).ToList();
        Assert.Equal(expected.Select(u => u.Id), rows.Select(r => r.Id));
        Assert.Equal(expected.Select(u => string.Join(",", u.Posts.Select(p => $"{p.Id}:{p.Title}:{p.CreatedAt:O}"))),
            rows.Select(r => string.Join(",", r.Posts.Select(p => $"{p.Id}:{p.Title}:{p.CreatedAt:O}"))));
        Assert.Equal(expected.Select(u => u.Posts.OrderByDescending(p => p.Id).Select(p => (long)p.Id).ToList()), rows.Select(r => r.Ids));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Value_lists_keep_exact_numbers_and_times(LoadStrategy strategy)
    {
        await CheckSamplesAsync("exact values", strategy, q => q.Select(s => new
        {
            s.Id,
            Decimals = s.Readings.OrderByDescending(r => r.Id).Select(r => r.Decimal).ToList(),
            Longs = s.Readings.OrderBy(r => r.Id).Select(r => r.Long).ToArray(),
            Shorts = s.Readings.OrderBy(r => r.Id).Select(r => r.Short).ToList(),
            Floats = s.Readings.OrderBy(r => r.Id).Select(r => r.Float).ToList(),
            At = s.Readings.OrderBy(r => r.Id).Select(r => r.At).ToArray(),
            Offsets = s.Readings.OrderBy(r => r.Id).Select(r => r.Offset).ToList(),
            Dates = s.Readings.OrderBy(r => r.Id).Select(r => r.Date).ToList(),
            Times = s.Readings.OrderBy(r => r.Id).Select(r => r.Time).ToList(),
            Guids = s.Readings.OrderBy(r => r.Id).Select(r => r.Guid).ToList(),
            NullableDecimals = s.Readings.OrderBy(r => r.Id).Select(r => r.Note == null ? (decimal?)null : r.Decimal).ToList(),
        }));
    }

    [Fact]
    public async Task Refused_shapes_say_what_to_write()
    {
        var db = fixture.Db;
        var ordered = await Assert.ThrowsAsync<QueryTranslationException>(() => db.Users.Select(u => new { Posts = u.Posts.OrderBy(p => p.Title) }).ToListAsync());
        Assert.Contains("ToList()", ordered.Message);
        var distinctClass = await Assert.ThrowsAsync<QueryTranslationException>(() => db.Users.Select(u => u.Posts.Select(p => new PostView { Id = p.Id }).Distinct().ToList()).ToListAsync());
        Assert.Contains("anonymous type", distinctClass.Message);
        var firstInFilter = await Assert.ThrowsAsync<QueryTranslationException>(() => db.Users.Where(u => u.Posts.OrderBy(p => p.Id).Select(p => p.Title).First() == "x").ToListAsync());
        Assert.Contains("projection", firstInFilter.Message);
    }

    public sealed record PostRecord(int Id, string Title);

    public sealed class PostView
    {
        public int Id { get; init; }

        public string? Content { get; init; }
    }
}
