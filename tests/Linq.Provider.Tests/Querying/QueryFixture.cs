using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// A fresh database (copied from the test template exactly as <see cref="DatabaseFixture"/> does, by owning one)
/// seeded once with <see cref="QuerySeed"/> through the generated <c>CreateAsync</c>, then read back with plain
/// Npgsql (<see cref="PlainRows"/>, columns mapped by name, not through the provider's materializers) into
/// in-memory lists whose navigations are wired by hand, so that the very same LINQ expression can run against
/// PostgreSQL and against LINQ-to-Objects and a materialization bug cannot hide on both sides. Tests must not write to this database.
/// </summary>
public class QueryFixture : IAsyncLifetime
{
    private readonly DatabaseFixture _database = new();

    public TestDb Db => _database.Db;

    public List<User> Users { get; private set; } = [];
    public List<Post> Posts { get; private set; } = [];
    public List<Comment> Comments { get; private set; } = [];
    public List<Profile> Profiles { get; private set; } = [];
    public List<Account> Accounts { get; private set; } = [];
    public List<TypeSample> TypeSamples { get; private set; } = [];

    /// <summary>Users in seed order (index = position in <see cref="QuerySeed.Users"/>).</summary>
    public List<User> SeededUsers { get; } = [];

    /// <summary>Posts in seed order.</summary>
    public List<Post> SeededPosts { get; } = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var db = Db;

        foreach (var (email, name, role) in QuerySeed.Users)
        {
            SeededUsers.Add(await db.Users.CreateAsync(new() { Email = email, Name = name, Role = role }));
        }

        for (var i = 0; i < QuerySeed.PostCount; i++)
        {
            var author = QuerySeed.PostAuthor(i);
            SeededPosts.Add(await db.Posts.CreateAsync(new()
            {
                Title = QuerySeed.Titles[i % QuerySeed.Titles.Length],
                Content = QuerySeed.PostContent(i),
                Published = QuerySeed.PostPublished(i, author),
                AuthorId = SeededUsers[author].Id,
                CreatedAt = QuerySeed.PostCreatedAt(i),
            }));
        }

        for (var i = 0; i < QuerySeed.CommentCount; i++)
        {
            await db.Comments.CreateAsync(new()
            {
                Text = QuerySeed.CommentTexts[i % QuerySeed.CommentTexts.Length],
                PostId = SeededPosts[QuerySeed.CommentPost(i)].Id,
                CreatedAt = QuerySeed.CommentCreatedAt(i),
            });
        }

        foreach (var (user, bio) in QuerySeed.Profiles)
        {
            await db.Profiles.CreateAsync(new() { UserId = SeededUsers[user].Id, Bio = bio });
        }

        foreach (var (email, balance) in QuerySeed.Accounts)
        {
            await db.Accounts.CreateAsync(new() { Email = email, Balance = balance });
        }

        for (var i = 0; i < 12; i++)
        {
            await db.TypeSamples.CreateAsync(TypeSampleInput(i));
        }

        await SeedMoreAsync(db);

        // The expected side is read with plain Npgsql, never through the provider under test.
        var cs = _database.ConnectionString;
        Users = await PlainRows.ReadAsync(cs, "SELECT \"Id\", \"Email\", \"Name\", \"Role\"::text AS \"Role\" FROM \"User\" ORDER BY \"Id\"", r => new User
        {
            Id = r.Get<int>("Id"), Email = r.Get<string>("Email"), Name = r.Ref<string>("Name"), Role = r.Enum<Role>("Role"),
        });
        Posts = await PlainRows.ReadAsync(cs, "SELECT * FROM \"Post\" ORDER BY \"Id\"", r => new Post
        {
            Id = r.Get<int>("Id"), Title = r.Get<string>("Title"), Content = r.Ref<string>("Content"), Published = r.Get<bool>("Published"),
            AuthorId = r.Get<int>("AuthorId"), CreatedAt = r.Get<DateTime>("CreatedAt"),
        });
        Comments = await PlainRows.ReadAsync(cs, "SELECT * FROM \"comments\" ORDER BY \"Id\"", r => new Comment
        {
            Id = r.Get<int>("Id"), Text = r.Get<string>("Text"), PostId = r.Get<int>("post_id"), CreatedAt = r.Get<DateTime>("CreatedAt"),
        });
        Profiles = await PlainRows.ReadAsync(cs, "SELECT * FROM \"Profile\" ORDER BY \"Id\"", r => new Profile
        {
            Id = r.Get<int>("Id"), Bio = r.Ref<string>("Bio"), Handle = r.Ref<string>("Handle"), UserId = r.Get<int>("UserId"),
        });
        Accounts = await PlainRows.ReadAsync(cs, "SELECT * FROM \"Account\" ORDER BY \"Id\"", r => new Account
        {
            Id = r.Get<int>("Id"), Email = r.Get<string>("Email"), Balance = r.Get<decimal>("Balance"),
        });
        TypeSamples = await PlainRows.ReadAsync(cs,
            "SELECT *, \"Mood\"::text AS mood_label, \"MoodN\"::text AS mood_n_label FROM \"TypeSample\" ORDER BY \"Id\"", ReadTypeSample);

        var users = Users.ToDictionary(u => u.Id);
        var posts = Posts.ToDictionary(p => p.Id);
        foreach (var post in Posts)
        {
            post.Author = users[post.AuthorId];
            post.Comments = [.. Comments.Where(c => c.PostId == post.Id).OrderBy(c => c.Id)];
        }

        foreach (var comment in Comments)
        {
            comment.Post = posts[comment.PostId];
        }

        foreach (var user in Users)
        {
            user.Posts = [.. Posts.Where(p => p.AuthorId == user.Id).OrderBy(p => p.Id)];
            user.Profile = Profiles.SingleOrDefault(p => p.UserId == user.Id);
        }

        foreach (var profile in Profiles)
        {
            profile.User = users[profile.UserId];
        }
    }

    /// <summary>Extra rows for derived fixtures, written before the lists are loaded.</summary>
    protected virtual Task SeedMoreAsync(TestDb db) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var sample in TypeSamples)
        {
            sample.Json.Dispose();
            sample.JsonN?.Dispose();
        }

        await _database.DisposeAsync();
    }

    private static TypeSample ReadTypeSample(PlainRow r) => new()
    {
        Id = r.Get<long>("Id"),
        Int = r.Get<int>("Int"),
        IntN = r.Value<int>("IntN"),
        Long = r.Get<long>("Long"),
        LongN = r.Value<long>("LongN"),
        Short = r.Get<short>("Short"),
        ShortN = r.Value<short>("ShortN"),
        Bool = r.Get<bool>("Bool"),
        BoolN = r.Value<bool>("BoolN"),
        Text = r.Get<string>("Text"),
        TextN = r.Ref<string>("TextN"),
        Decimal = r.Get<decimal>("Decimal"),
        DecimalN = r.Value<decimal>("DecimalN"),
        Double = r.Get<double>("Double"),
        DoubleN = r.Value<double>("DoubleN"),
        Float = r.Get<float>("Float"),
        FloatN = r.Value<float>("FloatN"),
        Guid = r.Get<Guid>("Guid"),
        GuidN = r.Value<Guid>("GuidN"),
        Timestamp = r.Get<DateTime>("Timestamp"),
        TimestampN = r.Value<DateTime>("TimestampN"),
        Offset = r.Get<DateTimeOffset>("Offset"),
        OffsetN = r.Value<DateTimeOffset>("OffsetN"),
        Date = r.Get<DateOnly>("Date"),
        DateN = r.Value<DateOnly>("DateN"),
        Time = r.Get<TimeOnly>("Time"),
        TimeN = r.Value<TimeOnly>("TimeN"),
        Bytes = r.Get<byte[]>("Bytes"),
        BytesN = r.Ref<byte[]>("BytesN"),
        Mood = r.Enum<Mood>("mood_label"),
        MoodN = r.EnumN<Mood>("mood_n_label"),
        Tags = r.Get<string[]>("Tags"),
        TagsN = r.Ref<string[]>("TagsN"),
        Numbers = r.Get<int[]>("Numbers"),
        NumbersN = r.Ref<int[]>("NumbersN"),
        Json = r.Get<JsonDocument>("Json"),
        JsonN = r.Ref<JsonDocument>("JsonN"),
        Element = r.Get<JsonElement>("Element"),
        ElementN = r.Value<JsonElement>("ElementN"),
    };

    /// <summary>A type sample: every third nullable is NULL; values chosen to be exact in float/double.</summary>
    private static TypeSampleCreateInput TypeSampleInput(int i)
    {
        var nul = i % 3 == 0;
        return new()
        {
            Int = i - 5,
            IntN = nul ? null : i * 2 - 7,
            Long = (i - 6) * 10_000_000_000L,
            LongN = i % 4 == 1 ? null : i * 3_000_000_000L,
            Short = (short)(i * 100 - 300),
            ShortN = nul ? null : (short)i,
            Bool = i % 2 == 0,
            BoolN = i % 3 == 0 ? null : i % 3 == 1,
            Text = "sample " + i,
            TextN = i % 4 == 0 ? null : i % 4 == 1 ? "" : "t" + i,
            Decimal = i * 1.25m - 4m,
            DecimalN = i % 5 == 0 ? null : i * -0.5m,
            Double = i * 0.5 - 2.25,
            DoubleN = i % 3 == 2 ? null : i * 0.25,
            Float = i * 0.75f - 3f,
            FloatN = nul ? null : i * 0.5f,
            Guid = new Guid(i + 1, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)i]),
            GuidN = nul ? null : new Guid(0, 0, (short)i, [1, 2, 3, 4, 5, 6, 7, 8]),
            Timestamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i * 17).AddTicks(i * 10),
            TimestampN = nul ? null : new DateTime(1999, 12, 31, 23, 0, 0, DateTimeKind.Utc).AddHours(i),
            Offset = new DateTimeOffset(2021, 6, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(i * 90),
            OffsetN = nul ? null : new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-i),
            Date = new DateOnly(2024, 2, 20).AddDays(i),
            DateN = nul ? null : new DateOnly(2000, 1, 1).AddDays(i * 40),
            Time = new TimeOnly(i, i * 4, 0),
            TimeN = nul ? null : new TimeOnly(23, 59, i),
            Bytes = [(byte)i, 0, 255],
            BytesN = nul ? null : [],
            Mood = (Mood)(i % 3),
            MoodN = i % 4 == 3 ? null : (Mood)((i + 1) % 3),
            Tags = ["t" + i, "all"],
            TagsN = nul ? null : [],
            Numbers = [i, i * i],
            NumbersN = nul ? null : [i],
            Json = JsonDocument.Parse("{\"i\":" + i + "}"),
            JsonN = nul ? null : JsonDocument.Parse("[" + i + "]"),
            Element = JsonDocument.Parse("\"e" + i + "\"").RootElement.Clone(),
            ElementN = nul ? null : JsonDocument.Parse("null").RootElement.Clone(),
        };
    }
}
