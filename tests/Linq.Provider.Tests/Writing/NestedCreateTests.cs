using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>Nested creates, connects and connectOrCreate inside CreateAsync: one statement, all or nothing.</summary>
public sealed class NestedCreateTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"n-{Guid.NewGuid():N}@x.io";

    private static UserCreateInput Graph(string email, int posts, int commentsPerPost) => new()
    {
        Email = email,
        Name = "Graph",
        Profile = new() { Create = new() { Bio = "bio of " + email } },
        Posts = new()
        {
            Create = [.. Enumerable.Range(0, posts).Select(p => new PostCreateWithoutAuthorInput
            {
                Title = $"post {p}",
                Published = p % 2 == 0,
                Comments = new() { Create = [.. Enumerable.Range(0, commentsPerPost).Select(c => new CommentCreateWithoutPostInput { Text = $"comment {p}.{c}" })] },
            })],
        },
    };

    [Theory]
    [InlineData(10, 2)]
    [InlineData(50, 4)]
    public async Task A_user_with_posts_and_comments_is_one_round_trip_whatever_the_count(int posts, int commentsPerPost)
    {
        var email = NewEmail();
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var user = await fixture.Db.Users.CreateAsync(Graph(email, posts, commentsPerPost));
        Assert.Equal(1, counter.Count);
        Assert.StartsWith("WITH ", counter.Statements[0], StringComparison.Ordinal);
        // The one user returns its key to its children; only the posts (many rows with children) draw identities up front.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(counter.Statements[0], "nextval"));

        Assert.True(user.Id > 0);
        Assert.Equal(email, user.Email);
        var stored = await fixture.Db.Users.Where(u => u.Id == user.Id).Include(u => u.Profile).Include(u => u.Posts).ThenInclude(p => p.Comments).SingleAsync();
        Assert.Equal("bio of " + email, stored.Profile!.Bio);
        Assert.Equal(posts, stored.Posts.Count);
        foreach (var post in stored.Posts)
        {
            // Each comment sits under the post whose title it names: children found their own parent's generated key.
            var number = post.Title["post ".Length..];
            Assert.Equal(commentsPerPost, post.Comments.Count);
            Assert.All(post.Comments, c => Assert.StartsWith($"comment {number}.", c.Text, StringComparison.Ordinal));
            Assert.Equal(int.Parse(number) % 2 == 0, post.Published);
        }
    }

    [Fact]
    public async Task A_failure_at_the_last_grandchild_leaves_nothing_written()
    {
        var email = NewEmail();
        var input = Graph(email, 10, 2);
        input.Posts!.Create![^1].Comments!.Create![^1].Text = null!; // NOT NULL violation on the very last row
        var before = await fixture.Db.Posts.CountAsync();

        var error = await Assert.ThrowsAsync<NullConstraintViolationException>(() => fixture.Db.Users.CreateAsync(input));
        Assert.Equal("P2011", error.Code);
        Assert.Equal("Comment", error.Model);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == email));
        Assert.Equal(before, await fixture.Db.Posts.CountAsync());
        Assert.Equal(0, await fixture.Db.Profiles.CountAsync(p => p.Bio == "bio of " + email));
    }

    [Fact]
    public async Task Connect_attaches_existing_rows_and_a_missing_key_fails_everything()
    {
        var owner = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail() });
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "moving", AuthorId = owner.Id });

        var email = NewEmail();
        using (var counter = new RoundTripCounter(fixture.ConnectionString))
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = email, Posts = new() { Connect = [p => p.Id == post.Id], Create = [new() { Title = "new" }] } });
            Assert.Equal(2, counter.Count); // the statement, then COMMIT once its connect count is checked
            var titles = await fixture.Db.Posts.Where(p => p.AuthorId == user.Id).OrderBy(p => p.Title).Select(p => p.Title).ToListAsync();
            Assert.Equal(["moving", "new"], titles);
        }

        var missing = NewEmail();
        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            fixture.Db.Users.CreateAsync(new() { Email = missing, Posts = new() { Create = [new() { Title = "orphan" }], Connect = [p => p.Id == -1] } }));
        Assert.Equal("P2025", error.Code);
        Assert.Equal("Post", error.Model);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == missing));
        Assert.Equal(0, await fixture.Db.Posts.CountAsync(p => p.Title == "orphan"));
    }

    [Fact]
    public async Task ConnectOrCreate_connects_an_existing_row_and_creates_a_missing_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var existing = await fixture.Db.Categories.CreateAsync(new() { Name = tag + "-existing" });
        var root = await fixture.Db.Categories.CreateAsync(new()
        {
            Name = tag + "-root",
            Children = new()
            {
                ConnectOrCreate =
                [
                    new() { Where = c => c.Name == tag + "-existing", Create = new() { Name = tag + "-existing" } },
                    new() { Where = c => c.Name == tag + "-fresh", Create = new() { Name = tag + "-fresh" } },
                ],
            },
        });

        var children = await fixture.Db.Categories.Where(c => c.ParentId == root.Id).OrderBy(c => c.Name).ToListAsync();
        Assert.Equal([tag + "-existing", tag + "-fresh"], children.Select(c => c.Name));
        Assert.Equal(existing.Id, children[0].Id);
    }

    [Fact]
    public async Task CreateMany_inside_a_create_can_skip_duplicates()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await fixture.Db.Categories.CreateAsync(new() { Name = tag + "-taken" });
        var root = await fixture.Db.Categories.CreateAsync(new()
        {
            Name = tag + "-root",
            Children = new() { CreateMany = [new() { Name = tag + "-a" }, new() { Name = tag + "-taken" }, new() { Name = tag + "-b" }], SkipDuplicates = true },
        });

        Assert.Equal(2, await fixture.Db.Categories.CountAsync(c => c.ParentId == root.Id));
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Categories.CreateAsync(new()
        {
            Name = tag + "-root2",
            Children = new() { CreateMany = [new() { Name = tag + "-taken" }] },
        }));
        Assert.Null(await fixture.Db.Categories.FindUniqueAsync(c => c.Name == tag + "-root2"));
    }

    [Fact]
    public async Task Create_can_return_the_row_with_its_relations()
    {
        var email = NewEmail();
        var user = await fixture.Db.Users.CreateAsync(Graph(email, 3, 1), q => q.Include(u => u.Posts).ThenInclude(p => p.Comments));
        Assert.Equal(3, user.Posts.Count);
        Assert.All(user.Posts, p => Assert.Single(p.Comments));
        Assert.All(user.Posts, p => Assert.Equal(user.Id, p.AuthorId));
    }

    [Fact]
    public async Task Three_levels_of_a_self_relation_find_their_parents()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var root = await fixture.Db.Categories.CreateAsync(new()
        {
            Name = tag,
            Children = new()
            {
                Create =
                [
                    new() { Name = tag + "/a", Children = new() { Create = [new() { Name = tag + "/a/1" }, new() { Name = tag + "/a/2" }] } },
                    new() { Name = tag + "/b", Children = new() { Create = [new() { Name = tag + "/b/1" }] } },
                ],
            },
        });

        var all = await fixture.Db.Categories.Where(c => c.Name.StartsWith(tag)).ToListAsync();
        var byId = all.ToDictionary(c => c.Id);
        Assert.Equal(6, all.Count);
        foreach (var category in all.Where(c => c.Id != root.Id))
        {
            // a/1's parent is a, a's parent is the root: the path is the parent's name plus one segment.
            var parent = byId[category.ParentId!.Value];
            Assert.Equal(parent.Name, category.Name[..category.Name.LastIndexOf('/')]);
        }
    }

    [Fact]
    public async Task Bad_input_fails_before_any_sql()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cyclic = new CategoryCreateWithoutParentInput { Name = tag + "-cycle" };
        cyclic.Children = new() { Create = [cyclic] };

        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var cycle = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Categories.CreateAsync(new() { Name = tag, Children = new() { Create = [cyclic] } }));
        Assert.Contains("cycle", cycle.Message, StringComparison.Ordinal);

        // Connect needs a unique key: Title is not one.
        var notUnique = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Db.Users.CreateAsync(new() { Email = NewEmail(), Posts = new() { Connect = [p => p.Title == "x"] } }));
        Assert.Contains("unique", notUnique.Message, StringComparison.OrdinalIgnoreCase);

        // createMany takes no nested writes (as Prisma's).
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.CreateManyAsync([new() { Email = NewEmail(), Posts = new() { Create = [new() { Title = "x" }] } }]));
        Assert.Equal(0, counter.Count);
        Assert.Equal(0, await fixture.Db.Categories.CountAsync(c => c.Name.StartsWith(tag)));
    }
}
