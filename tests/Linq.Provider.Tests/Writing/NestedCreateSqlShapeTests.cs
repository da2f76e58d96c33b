using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The statement shapes of a nested create: the one root row goes as plain <c>VALUES</c>, children of one new parent
/// join its CTE directly, and a column NULL in every row of a level that sets it is written as a typed <c>NULL</c>
/// literal rather than an array of NULL parameters. Every shape stores what the inputs say: rows are read back with
/// plain Npgsql and compared with the expectation computed from the inputs (defaults filled in, an unset optional
/// field NULL), for cached and uncached shapes, mixed rows where only some set a field, and several levels.
/// </summary>
public sealed class NestedCreateSqlShapeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"ncs-{Guid.NewGuid():N}@x.io";

    private sealed record PostSpec(string Title, bool SetContent = false, string? Content = null, bool? Published = null, string[]? Comments = null);

    private static UserCreateInput Input(string email, string? name, params PostSpec[] posts) => new()
    {
        Email = email,
        Name = name,
        Posts = posts.Length == 0 ? null : new()
        {
            Create = [.. posts.Select(p =>
            {
                var post = new PostCreateWithoutAuthorInput { Title = p.Title };
                if (p.SetContent)
                {
                    post.Content = p.Content;
                }

                if (p.Published is { } published)
                {
                    post.Published = published;
                }

                if (p.Comments is { } comments)
                {
                    post.Comments = new() { Create = [.. comments.Select(c => new CommentCreateWithoutPostInput { Text = c })] };
                }

                return post;
            })],
        },
    };

    // What the inputs say is stored: the user's name and role, each post with its content, published flag and comments.
    private static string Expected(string? name, PostSpec[] posts) => Describe(name, "User",
        posts.Select(p => (p.Title, p.SetContent ? p.Content : null, p.Published ?? false, (IEnumerable<string>)(p.Comments ?? []))));

    private static string Describe(string? name, string role, IEnumerable<(string Title, string? Content, bool Published, IEnumerable<string> Comments)> posts) =>
        $"name={name ?? "NULL"} role={role} posts=[{string.Join("; ", posts.OrderBy(p => p.Title, StringComparer.Ordinal)
            .Select(p => $"{p.Title}|{p.Content ?? "NULL"}|{p.Published}|{string.Join(",", p.Comments.Order(StringComparer.Ordinal))}"))}]";

    private async Task<string> StoredAsync(int userId)
    {
        var users = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Name\", \"Role\"::text AS \"Role\" FROM \"User\" WHERE \"Id\" = {userId}",
            r => (r.Ref<string>("Name"), r.Get<string>("Role")));
        var posts = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Title\", \"Content\", \"Published\", \"CreatedAt\" IS NOT NULL AS \"Dated\" FROM \"Post\" WHERE \"AuthorId\" = {userId}",
            r => (Id: r.Get<int>("Id"), Title: r.Get<string>("Title"), Content: r.Ref<string>("Content"), Published: r.Get<bool>("Published"), Dated: r.Get<bool>("Dated")));
        var comments = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT c.post_id, c.\"Text\" FROM comments AS c JOIN \"Post\" AS p ON p.\"Id\" = c.post_id WHERE p.\"AuthorId\" = {userId}",
            r => (PostId: r.Get<int>("post_id"), Text: r.Get<string>("Text")));
        Assert.All(posts, p => Assert.True(p.Dated, "CreatedAt takes its default"));
        var (name, role) = Assert.Single(users);
        return Describe(name, role, posts.Select(p => (p.Title, p.Content, p.Published, comments.Where(c => c.PostId == p.Id).Select(c => c.Text))));
    }

    private async Task<(string Sql, string Stored)> CreateAsync(string? name, PostSpec[] posts)
    {
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var email = NewEmail();
        var user = await fixture.Db.Users.CreateAsync(Input(email, name, posts));
        Assert.Equal(email, user.Email);
        Assert.Equal(name, user.Name);
        return (Assert.Single(sent.Statements), await StoredAsync(user.Id));
    }

    private const string UserCte = "WITH \"ins0\" AS (INSERT INTO \"User\" (\"Email\", \"Name\") VALUES ($1::text, $2::text) RETURNING \"Id\", \"Email\", \"Name\", \"Role\")";
    private const string Root = " SELECT \"ins0\".\"Id\", \"ins0\".\"Email\", \"ins0\".\"Name\", \"ins0\".\"Role\" FROM \"ins0\"";

    public static TheoryData<string> Cases => [.. Shapes().Keys];

    // Each case: the posts of the input, and the statement it sends (the second time, so from the cache where it is cached).
    private static Dictionary<string, (PostSpec[] Posts, string Sql)> Shapes() => new()
    {
        ["ten posts, content never set: NULL literal, no array"] = ([.. Enumerable.Range(0, 10).Select(i => new PostSpec($"t{i}"))],
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT \"u\".\"c0\", NULL::text, \"p\".\"Id\" FROM unnest($3::text[]) AS \"u\"(\"c0\") CROSS JOIN \"ins0\" AS \"p\")" + Root),
        ["one post: its values straight from the parent row"] = ([new("solo")],
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT $3::text, NULL::text, \"p\".\"Id\" FROM \"ins0\" AS \"p\")" + Root),
        ["content set on some rows only: an array with NULLs"] = ([new("a", SetContent: true, Content: "ca"), new("b"), new("c", SetContent: true, Content: "cc")],
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT \"u\".\"c0\", \"u\".\"c1\", \"p\".\"Id\" FROM unnest($3::text[], $4::text[]) AS \"u\"(\"c0\", \"c1\") CROSS JOIN \"ins0\" AS \"p\")" + Root),
        ["defaulted field set on some rows: one insert per set of columns"] = ([new("a", Published: true), new("b"), new("c", Published: false)],
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"Published\", \"AuthorId\") SELECT \"u\".\"c0\", NULL::text, \"u\".\"c1\", \"p\".\"Id\" FROM unnest($3::text[], $4::boolean[]) AS \"u\"(\"c0\", \"c1\") CROSS JOIN \"ins0\" AS \"p\")"
            + ", \"ins2\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT $5::text, NULL::text, \"p\".\"Id\" FROM \"ins0\" AS \"p\")" + Root),
        ["content set to null explicitly everywhere: NULL literal"] = ([new("a", SetContent: true), new("b", SetContent: true)],
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT \"u\".\"c0\", NULL::text, \"p\".\"Id\" FROM unnest($3::text[]) AS \"u\"(\"c0\") CROSS JOIN \"ins0\" AS \"p\")" + Root),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Nested_create_sends_the_recorded_shape_and_stores_what_the_input_says(string name)
    {
        var (posts, sql) = Shapes()[name];
        foreach (var userName in new[] { "named", null })
        {
            // The first create may render; the second is served from the cache: both store the same and send the same text.
            var first = await CreateAsync(userName, posts);
            var second = await CreateAsync(userName, posts);
            Assert.Equal(Expected(userName, posts), first.Stored);
            Assert.Equal(Expected(userName, posts), second.Stored);
            Assert.Equal(first.Sql, second.Sql);
            if (userName is not null)
            {
                Assert.Equal(sql, second.Sql);
            }
            else
            {
                // A user without a name: NULL in its one row, so a literal too (no parameter for it).
                Assert.Contains("VALUES ($1::text, NULL::text)", second.Sql, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Several_levels_store_every_comment_under_its_post()
    {
        // Uncached (grandchildren): the posts draw their identities, the comments join them by ordinal.
        PostSpec[] posts =
        [
            new("p1", Comments: ["c1a", "c1b"]),
            new("p2", SetContent: true, Content: "x", Comments: []),
            new("p3", Published: true, Comments: ["c3a"]),
        ];
        var (sql, stored) = await CreateAsync("levels", posts);
        Assert.Equal(Expected("levels", posts), stored);
        Assert.Contains("nextval", sql, StringComparison.Ordinal);

        // One post with comments: each level is one row, the comments join the post's CTE directly.
        PostSpec[] single = [new("only", Comments: ["k1", "k2", "k3"])];
        var (singleSql, singleStored) = await CreateAsync("single", single);
        Assert.Equal(Expected("single", single), singleStored);
        Assert.Equal(
            UserCte + ", \"ins1\" AS (INSERT INTO \"Post\" (\"Title\", \"Content\", \"AuthorId\") SELECT $3::text, NULL::text, \"p\".\"Id\" FROM \"ins0\" AS \"p\" RETURNING \"Id\")"
            + ", \"ins2\" AS (INSERT INTO \"comments\" (\"Text\", \"post_id\") SELECT \"u\".\"c0\", \"p\".\"Id\" FROM unnest($4::text[]) AS \"u\"(\"c0\") CROSS JOIN \"ins1\" AS \"p\")" + Root,
            singleSql);
    }

    [Fact]
    public async Task A_failing_literal_null_column_still_fails_whole_with_its_code()
    {
        // Title is required: NULL in every row becomes a literal, and the NOT NULL violation still rolls back the user.
        var email = NewEmail();
        var input = Input(email, "n", new PostSpec("x"), new PostSpec("y"));
        foreach (var post in input.Posts!.Create!)
        {
            post.Title = null!;
        }

        var error = await Assert.ThrowsAsync<NullConstraintViolationException>(() => fixture.Db.Users.CreateAsync(input));
        Assert.Equal("P2011", error.Code);
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"User\" WHERE \"Email\" = '{email}'"));
    }

    [Fact]
    public async Task A_duplicate_root_reports_P2002_and_writes_no_child()
    {
        var email = NewEmail();
        await fixture.Db.Users.CreateAsync(Input(email, "first"));
        var error = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateAsync(Input(email, "second", new PostSpec("dup-child-" + email))));
        Assert.Equal("P2002", error.Code);
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Post\" WHERE \"Title\" = 'dup-child-{email}'"));
    }
}
