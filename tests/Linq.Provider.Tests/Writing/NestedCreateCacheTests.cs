using Linq.Contract;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Writing.Nested;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Cached nested-create statements: every shape (how many children, which fields each row sets) gets its own entry,
/// a repeated shape is served from the cache with the very text it rendered, and the cached statement stores exactly
/// the rows the rendered one stores, children with their own values under the right parent. Rows are read back with
/// plain Npgsql and compared with what the inputs say.
/// </summary>
public sealed class NestedCreateCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // A post of the input: Content and Published unset (null), or set (Content to null or a value).
    private sealed record PostSpec(string Title, bool SetContent = false, string? Content = null, bool? Published = null);

    private sealed record Shape(string Name, bool SetName, string? Bio, PostSpec[] Posts);

    private static ModelMetadata<T> MetadataOf<T>() where T : class, IModel<T> => T.Metadata;

    private static string NewEmail() => $"ncc-{Guid.NewGuid():N}@x.io";

    private static readonly Shape[] Shapes =
    [
        new("no posts", SetName: true, Bio: null, []),
        new("one post, title only", SetName: true, Bio: null, [new("t1")]),
        new("one post with content", SetName: true, Bio: null, [new("t1", SetContent: true, Content: "c1")]),
        new("one post with content null", SetName: true, Bio: null, [new("t1", SetContent: true, Content: null)]),
        new("one post published", SetName: true, Bio: null, [new("t1", Published: true)]),
        new("two posts", SetName: true, Bio: null, [new("t1"), new("t2", Published: false)]),
        new("ten posts", SetName: true, Bio: null, [.. Enumerable.Range(0, 10).Select(i => new PostSpec($"t{i}", SetContent: true, Content: i % 3 == 0 ? null : $"c{i}", Published: i % 2 == 0))]),
        new("mixed A B A", SetName: true, Bio: null, [new("a1", SetContent: true, Content: "ca1"), new("b1", Published: true), new("a2", SetContent: true, Content: "ca2")]),
        new("mixed A A B", SetName: true, Bio: null, [new("a1", SetContent: true, Content: "ca1"), new("a2", SetContent: true, Content: "ca2"), new("b1", Published: true)]),
        new("no name", SetName: false, Bio: null, [new("t1")]),
        new("with profile", SetName: true, Bio: "bio", [new("t1"), new("t2")]),
    ];

    private static UserCreateInput Input(Shape shape, string email, string tag)
    {
        var input = new UserCreateInput
        {
            Email = email,
            Posts = new()
            {
                Create = [.. shape.Posts.Select(p =>
                {
                    var post = new PostCreateWithoutAuthorInput { Title = p.Title + tag };
                    if (p.SetContent)
                    {
                        post.Content = p.Content is null ? null : p.Content + tag;
                    }

                    if (p.Published is { } published)
                    {
                        post.Published = published;
                    }

                    return post;
                })],
            },
        };
        if (shape.SetName)
        {
            input.Name = "name" + tag;
        }

        if (shape.Bio is not null)
        {
            input.Profile = new() { Create = new() { Bio = shape.Bio + tag } };
        }

        return input;
    }

    // What the input says is stored: the user's name, the profile's bio, the posts by title (defaults filled in).
    private static string Expected(Shape shape, string tag) => Describe(
        shape.SetName ? "name" + tag : null,
        shape.Bio is null ? null : shape.Bio + tag,
        shape.Posts.Select(p => (p.Title + tag, p.SetContent && p.Content is not null ? p.Content + tag : null, p.Published ?? false)));

    private static string Describe(string? name, string? bio, IEnumerable<(string Title, string? Content, bool Published)> posts) =>
        $"name={name ?? "NULL"} bio={bio ?? "NULL"} posts=[{string.Join("; ", posts.OrderBy(p => p.Title, StringComparer.Ordinal).Select(p => $"{p.Title}|{p.Content ?? "NULL"}|{p.Published}"))}]";

    private async Task<string> StoredAsync(int userId) => Describe(await StoredRowsAsync(userId));

    private static string Describe((string? Name, string? Bio, List<(string Title, string? Content, bool Published)> Posts) stored) =>
        Describe(stored.Name, stored.Bio, stored.Posts);

    private async Task<(string? Name, string? Bio, List<(string Title, string? Content, bool Published)> Posts)> StoredRowsAsync(int userId)
    {
        var users = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT u.\"Name\", p.\"Bio\" FROM \"User\" AS u LEFT JOIN \"Profile\" AS p ON p.\"UserId\" = u.\"Id\" WHERE u.\"Id\" = {userId}",
            r => (r.Ref<string>("Name"), r.Ref<string>("Bio")));
        var posts = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Title\", \"Content\", \"Published\" FROM \"Post\" WHERE \"AuthorId\" = {userId}",
            r => (r.Get<string>("Title"), r.Ref<string>("Content"), r.Get<bool>("Published")));
        var (name, bio) = Assert.Single(users);
        return (name, bio, [.. posts.OrderBy(p => p.Item1, StringComparer.Ordinal)]);
    }

    private string KeyOf(UserCreateInput input) =>
        NestedCreateShape.Of(MetadataOf<User>(), input, RelationCollector.Of(fixture.Db, input))!.Key.ToString();

    [Fact]
    public async Task Every_shape_stores_from_the_cache_what_it_stored_when_rendered()
    {
        foreach (var shape in Shapes)
        {
            var texts = new List<string>();
            for (var pass = 0; pass < 3; pass++)
            {
                // Pass 0 renders (nothing cached for the shape yet), passes 1 and 2 are served from the cache.
                var tag = $"-{shape.Name}-{pass}";
                var input = Input(shape, NewEmail(), tag);
                if (pass == 0)
                {
                    Table<User>.NestedStatements.Clear();
                }

                using var sent = new RoundTripCounter(fixture.ConnectionString);
                var user = await fixture.Db.Users.CreateAsync(input);
                texts.Add(Assert.Single(sent.Statements));
                Assert.True(Table<User>.NestedStatements.Serves(KeyOf(input)), shape.Name);
                Assert.Equal(input.Email, user.Email);
                Assert.Equal(Expected(shape, tag), await StoredAsync(user.Id));
            }

            Assert.Equal(texts[0], texts[1]);
            Assert.Equal(texts[0], texts[2]);
        }
    }

    [Fact]
    public async Task Shapes_that_differ_never_share_an_entry_or_a_text()
    {
        string Key(string name) => KeyOf(Input(Shapes.Single(s => s.Name == name), "k@x.io", ""));
        string[][] differ =
        [
            ["no posts", "one post, title only", "two posts", "ten posts"],
            ["one post, title only", "one post published"],
            ["mixed A B A", "mixed A A B"],
            ["two posts", "with profile"],
        ];
        foreach (var names in differ)
        {
            var keys = names.Select(Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        }

        // Shapes whose statements differ in structure: 0, 1, 2 and 10 children, a defaulted field unset or set, a to-one create.
        string[] distinct = ["no posts", "one post, title only", "one post published", "two posts", "ten posts", "with profile"];
        var texts = new List<string>();
        foreach (var name in distinct)
        {
            var shape = Shapes.Single(s => s.Name == name);
            for (var pass = 0; pass < 2; pass++)
            {
                using var sent = new RoundTripCounter(fixture.ConnectionString);
                var tag = $"-d-{name}-{pass}";
                var user = await fixture.Db.Users.CreateAsync(Input(shape, NewEmail(), tag));
                Assert.Equal(Expected(shape, tag), await StoredAsync(user.Id));
                if (pass == 1)
                {
                    texts.Add(Assert.Single(sent.Statements));
                }
            }
        }

        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_failing_cached_statement_leaves_nothing_written_and_reports_its_code()
    {
        var shape = Shapes.Single(s => s.Name == "ten posts");
        var first = await fixture.Db.Users.CreateAsync(Input(shape, NewEmail(), "-ok"));
        Assert.Equal(10, (await StoredRowsAsync(first.Id)).Posts.Count);

        var email = NewEmail();
        var input = Input(shape, email, "-fail");
        input.Posts!.Create![^1].Title = null!; // same shape (Title set), NOT NULL violation on the last child
        Assert.True(Table<User>.NestedStatements.Serves(KeyOf(input)));
        var error = await Assert.ThrowsAsync<NullConstraintViolationException>(() => fixture.Db.Users.CreateAsync(input));
        Assert.Equal("P2011", error.Code);
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"User\" WHERE \"Email\" = '{email}'"));
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"Post\" WHERE \"Title\" LIKE '%-fail'"));
    }

    [Fact]
    public async Task Connects_and_grandchildren_are_not_cached_and_still_store_their_rows()
    {
        var owner = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail() });
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "ncc-moving", AuthorId = owner.Id });
        UserCreateInput connect = new() { Email = NewEmail(), Posts = new() { Connect = [p => p.Id == post.Id], Create = [new() { Title = "ncc-new" }] } };
        UserCreateInput deep = new()
        {
            Email = NewEmail(),
            Posts = new() { Create = [new() { Title = "ncc-deep", Comments = new() { Create = [new() { Text = "ncc-comment" }] } }] },
        };
        Assert.Null(NestedCreateShape.Of(MetadataOf<User>(), connect, RelationCollector.Of(fixture.Db, connect)));
        Assert.Null(NestedCreateShape.Of(MetadataOf<User>(), deep, RelationCollector.Of(fixture.Db, deep)));

        var connected = await fixture.Db.Users.CreateAsync(connect);
        Assert.Equal(["ncc-moving", "ncc-new"], (await StoredRowsAsync(connected.Id)).Posts.Select(p => p.Title));
        var created = await fixture.Db.Users.CreateAsync(deep);
        Assert.Equal("ncc-deep", Assert.Single((await StoredRowsAsync(created.Id)).Posts).Title);
        Assert.Equal(1L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString,
            $"SELECT count(*) FROM \"comments\" AS c JOIN \"Post\" AS p ON p.\"Id\" = c.\"post_id\" WHERE p.\"AuthorId\" = {created.Id} AND c.\"Text\" = 'ncc-comment'"));
    }
}
