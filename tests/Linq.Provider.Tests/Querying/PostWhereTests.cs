using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>Where</c> over posts: bool members, nullable text, timestamps (boundaries, parts), to-one navigations
/// (<c>p.Author!.…</c>, chained to the author's profile and posts) and the post's comments.
/// </summary>
public sealed class PostWhereTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    internal static readonly CaseTable<Post> Cases = Build();

    public static TheoryData<string> Names => Cases.Names();

    [Theory, MemberData(nameof(Names))]
    public Task Where(string name) => PredicateRunner.WhereAsync(name, Cases[name], fixture.Db.Posts, fixture.Posts, p => p.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Where_not(string name) => PredicateRunner.NotAsync(name, Cases[name], fixture.Db.Posts, fixture.Posts, p => p.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Count_and_any(string name) => PredicateRunner.CountAsync(name, Cases[name], fixture.Db.Posts, fixture.Posts);

    [Theory, MemberData(nameof(Names))]
    public void Sync(string name) => PredicateRunner.Sync(name, Cases[name], fixture.Db.Posts, fixture.Posts, p => p.Id);

    [Fact]
    public void Cases_are_selective() =>
        CaseTableGuard.AssertSelective(Cases, fixture.Posts, "author == author.Id", "posts of the author include this post");

    [Fact]
    public void Timestamps_round_trip_with_microsecond_precision()
    {
        for (var i = 0; i < QuerySeed.PostCount; i++)
        {
            Assert.Equal(QuerySeed.PostCreatedAt(i), fixture.SeededPosts[i].CreatedAt);
            Assert.Equal(DateTimeKind.Utc, fixture.Posts[i].CreatedAt.Kind);
            Assert.Equal(QuerySeed.PostCreatedAt(i), fixture.Posts.Single(p => p.Id == fixture.SeededPosts[i].Id).CreatedAt);
        }
    }

    private static CaseTable<Post> Build()
    {
        var y2k = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lastMicrosecondOf1999 = QuerySeed.BoundaryDates[2];
        var leapInstant = QuerySeed.BoundaryDates[1];
        var leapDay = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc);
        var from = new DateTime(2012, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2016, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var published = true;
        var annEmail = "ann@example.com";
        int[] authorIds = [1, 4, 24];
        var window = new { From = from, To = to };

        return new CaseTable<Post>
        {
            // bool members
            { "published", p => p.Published },
            { "!published", p => !p.Published },
            { "published == true", p => p.Published == true },
            { "published == false", p => p.Published == false },
            { "published != true", p => p.Published != true },
            { "published == captured", p => p.Published == published },
            { "published != captured", p => p.Published != published },
            { "published && content != null", p => p.Published && p.Content != null },
            { "published || content == null", p => p.Published || p.Content == null },
            { "!(published && content == null)", p => !(p.Published && p.Content == null) },
            { "published == (content == null)", p => p.Published == (p.Content == null) },
            { "published ? id < 40 : id > 60", p => p.Published ? p.Id < 40 : p.Id > 60 },

            // nullable text
            { "content == null", p => p.Content == null },
            { "content != null", p => p.Content != null },
            { "content == \"\"", p => p.Content == "" },
            { "string.IsNullOrEmpty(content)", p => string.IsNullOrEmpty(p.Content) },
            { "content contains \"50%\"", p => p.Content != null && p.Content.Contains("50%") },
            { "content contains \"x_y\"", p => p.Content != null && p.Content.Contains("x_y") },
            { "content contains \"0%\" or \"5_\"", p => p.Content != null && (p.Content.Contains("0%") || p.Content.Contains("5_")) },
            { "content ends with \"1\"", p => p.Content != null && p.Content.EndsWith("1") },
            { "content != \"\" (keeps null)", p => p.Content != "" },
            { "content == title (column vs column, both nullable-ish)", p => p.Content == p.Title || p.Content == null },
            { "content starts with title (column pattern, empty title)", p => p.Content != null && p.Content.StartsWith(p.Title) },
            { "(content ?? title).Length > 12", p => (p.Content ?? p.Title).Length > 12 },

            // title patterns
            { "title contains \"%\"", p => p.Title.Contains("%") },
            { "title starts with \"a_\"", p => p.Title.StartsWith("a_") },
            { "title contains \"\\\\\"", p => p.Title.Contains("\\") },
            { "title ends with quote", p => p.Title.EndsWith("\"") },
            { "title == \"\"", p => p.Title == "" },
            { "title.ToLower() == \"hello\"", p => p.Title.ToLower() == "hello" },
            { "title.ToUpper().StartsWith(\"HELLO\")", p => p.Title.ToUpper().StartsWith("HELLO") },
            { "title.Length == 0", p => p.Title.Length == 0 },
            { "title.Length > 10", p => p.Title.Length > 10 },
            { "string.Equals(title, \"draft\", OrdinalIgnoreCase)", p => string.Equals(p.Title, "draft", StringComparison.OrdinalIgnoreCase) },
            { "title contains \"LINQ\" ignoring case", p => p.Title.Contains("LINQ", StringComparison.OrdinalIgnoreCase) },
            { "title.Trim() == \"padded\"", p => p.Title.Trim() == "padded" },

            // timestamps
            { "createdAt < 2000-01-01", p => p.CreatedAt < y2k },
            { "createdAt >= 2000-01-01", p => p.CreatedAt >= y2k },
            { "createdAt == 2000-01-01", p => p.CreatedAt == y2k },
            { "createdAt == 2024-02-29T12:34:56.789012", p => p.CreatedAt == leapInstant },
            { "createdAt > 1999-12-31T23:59:59.999999", p => p.CreatedAt > lastMicrosecondOf1999 },
            { "createdAt >= 1999-12-31T23:59:59.999999 && < 2000-01-01", p => p.CreatedAt >= lastMicrosecondOf1999 && p.CreatedAt < y2k },
            { "createdAt inline new DateTime(2024,1,1,Utc)", p => p.CreatedAt > new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            { "createdAt between closure members", p => p.CreatedAt >= window.From && p.CreatedAt < window.To },
            { "createdAt.Year == 2000", p => p.CreatedAt.Year == 2000 },
            { "createdAt.Year == 1999", p => p.CreatedAt.Year == 1999 },
            { "createdAt.Year < 2000", p => p.CreatedAt.Year < 2000 },
            { "createdAt.Year >= 2024 && Month >= 3", p => p.CreatedAt.Year >= 2024 && p.CreatedAt.Month >= 3 },
            { "createdAt.Month == 2 && Day == 29", p => p.CreatedAt.Month == 2 && p.CreatedAt.Day == 29 },
            { "createdAt.Date == 2024-02-29", p => p.CreatedAt.Date == leapDay },
            { "createdAt.Date == 1999-12-31", p => p.CreatedAt.Date == new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc) },
            { "createdAt.Date == createdAt (midnight)", p => p.CreatedAt.Date == p.CreatedAt },
            { "createdAt.Hour == 23", p => p.CreatedAt.Hour == 23 },
            { "createdAt.Hour == 0", p => p.CreatedAt.Hour == 0 },
            { "createdAt.Minute == 59", p => p.CreatedAt.Minute == 59 },
            { "createdAt.Second == 59", p => p.CreatedAt.Second == 59 },
            { "createdAt.Millisecond == 999", p => p.CreatedAt.Millisecond == 999 },
            { "createdAt.Day == 1", p => p.CreatedAt.Day == 1 },
            { "createdAt.DayOfWeek == Thursday", p => p.CreatedAt.DayOfWeek == DayOfWeek.Thursday },
            { "createdAt.DayOfYear == 60", p => p.CreatedAt.DayOfYear == 60 },

            // to-one navigation
            { "author.Email == \"ann@example.com\"", p => p.Author!.Email == annEmail },
            { "author.Name == null", p => p.Author!.Name == null },
            { "author.Name != \"Ann\" (keeps null names)", p => p.Author!.Name != "Ann" },
            { "!(author.Name == \"Ann\")", p => !(p.Author!.Name == "Ann") },
            { "author.Role == Admin", p => p.Author!.Role == Role.Admin },
            { "author.Name starts with \"a\"", p => p.Author!.Name != null && p.Author.Name.StartsWith("a") },
            { "author.Email contains \"%\"", p => p.Author!.Email.Contains("%") },
            { "author.Profile != null", p => p.Author!.Profile != null },
            { "author.Profile == null", p => p.Author!.Profile == null },
            { "author.Profile.Bio == null", p => p.Author!.Profile != null && p.Author.Profile.Bio == null },
            { "author.Posts.Count() > 5", p => p.Author!.Posts.Count() > 5 },
            { "author has another post with the same title", p => p.Author!.Posts.Any(q => q.Id != p.Id && q.Title == p.Title) },
            { "posts of the author include this post", p => p.Author!.Posts.Any(q => q.Id == p.Id) },
            { "author == author.Id", p => p.AuthorId == p.Author!.Id },
            { "author.Role == Admin && published", p => p.Author!.Role == Role.Admin && p.Published },
            { "author.Role == Admin || author.Name == null", p => p.Author!.Role == Role.Admin || p.Author!.Name == null },

            // comments
            { "comments.Any()", p => p.Comments.Any() },
            { "!comments.Any()", p => !p.Comments.Any() },
            { "comments.Count() >= 3", p => p.Comments.Count() >= 3 },
            { "comments.Count(c => c.Text == \"nice\") == 1", p => p.Comments.Count(c => c.Text == "nice") == 1 },
            { "comments.Any(c => c.Text == \"nice\")", p => p.Comments.Any(c => c.Text == "nice") },
            { "comments.All(c => c.Text != \"\")", p => p.Comments.All(c => c.Text != "") },
            { "comments.Any(c => c.Text contains \"%\")", p => p.Comments.Any(c => c.Text.Contains("%")) },
            { "comments.Any(c => c.CreatedAt < p.CreatedAt)", p => p.Comments.Any(c => c.CreatedAt < p.CreatedAt) },

            // arithmetic and collections
            { "id % 7 == 0", p => p.Id % 7 == 0 },
            { "authorId * 10 + id > 200", p => p.AuthorId * 10 + p.Id > 200 },
            { "authorIds.Contains(authorId)", p => authorIds.Contains(p.AuthorId) },
            { "authorId == id % 5 + 1", p => p.AuthorId == p.Id % 5 + 1 },
        };
    }
}
