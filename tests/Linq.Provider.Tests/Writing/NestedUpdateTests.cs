using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>Nested writes inside UpdateAsync: children's writes and the parent's update in one batch and one transaction.</summary>
public sealed class NestedUpdateTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"u-{Guid.NewGuid():N}@x.io";

    private async Task<(User User, List<Post> Posts)> UserWithPostsAsync(int count)
    {
        var user = await fixture.Db.Users.CreateAsync(new()
        {
            Email = NewEmail(),
            Posts = new() { Create = [.. Enumerable.Range(0, count).Select(i => new PostCreateWithoutAuthorInput { Title = "p" + i })] },
        });
        var posts = await fixture.Db.Posts.Where(p => p.AuthorId == user.Id).OrderBy(p => p.Id).ToListAsync();
        return (user, posts);
    }

    [Fact]
    public async Task Every_kind_of_child_write_runs_with_the_parent_update_in_two_round_trips()
    {
        var (user, posts) = await UserWithPostsAsync(5);
        var email = user.Email;

        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var updated = await fixture.Db.Users.UpdateAsync(u => u.Email == email, new()
        {
            Name = "renamed",
            Posts = new()
            {
                Delete = [p => p.Id == posts[0].Id],
                DeleteMany = [p => p.Title == "p1"],
                Update = [new() { Where = p => p.Id == posts[2].Id, Data = new() { Title = "two", Comments = new() { Create = [new() { Text = "hello" }] } } }],
                UpdateMany = [new() { Where = p => p.Title == "p3" || p.Title == "p4", Data = new() { Published = true } }],
                Create = [new() { Title = "fresh", Comments = new() { Create = [new() { Text = "c1" }, new() { Text = "c2" }] } }],
            },
        });
        Assert.Equal(2, counter.Count); // one batch, one COMMIT

        Assert.Equal("renamed", updated.Name);
        var stored = await fixture.Db.Posts.Where(p => p.AuthorId == user.Id).Include(p => p.Comments).OrderBy(p => p.Title).ToListAsync();
        Assert.Equal(["fresh", "p3", "p4", "two"], stored.Select(p => p.Title));
        Assert.Equal(["c1", "c2"], stored[0].Comments.Select(c => c.Text).Order());
        Assert.True(stored[1].Published && stored[2].Published);
        Assert.Equal("hello", Assert.Single(stored[3].Comments).Text);
    }

    [Fact]
    public async Task A_child_of_another_parent_is_not_found_and_nothing_changes()
    {
        var (user, _) = await UserWithPostsAsync(1);
        var (_, strangers) = await UserWithPostsAsync(1);

        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new()
        {
            Name = "should not stick",
            Posts = new() { Create = [new() { Title = "should not stick" }], Update = [new() { Where = p => p.Id == strangers[0].Id, Data = new() { Title = "stolen" } }] },
        }));
        Assert.Equal("Post", error.Model);
        Assert.Equal("P2025", error.Code);

        var reloaded = await fixture.Db.Users.FindUniqueAsync(u => u.Id == user.Id);
        Assert.Null(reloaded!.Name);
        Assert.Equal(0, await fixture.Db.Posts.CountAsync(p => p.Title == "should not stick" || p.Title == "stolen"));
    }

    [Fact]
    public async Task A_missing_parent_is_reported_as_the_parent()
    {
        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.UpdateAsync(u => u.Email == "nobody-" + Guid.NewGuid(), new()
        {
            Posts = new() { Create = [new() { Title = "nowhere" }], Delete = [p => p.Id == -5] },
        }));
        Assert.Equal("User", error.Model);
        Assert.Equal(0, await fixture.Db.Posts.CountAsync(p => p.Title == "nowhere"));
    }

    [Fact]
    public async Task Disconnect_detaches_children_of_an_optional_relation()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var root = await fixture.Db.Categories.CreateAsync(new()
        {
            Name = tag,
            Children = new() { Create = [new() { Name = tag + "-a" }, new() { Name = tag + "-b" }] },
        });
        var other = await fixture.Db.Categories.CreateAsync(new() { Name = tag + "-other", Children = new() { Create = [new() { Name = tag + "-x" }] } });

        await fixture.Db.Categories.UpdateAsync(c => c.Id == root.Id, new() { Children = new() { Disconnect = [c => c.Name == tag + "-a"] } });
        Assert.Null((await fixture.Db.Categories.FindUniqueAsync(c => c.Name == tag + "-a"))!.ParentId);
        Assert.Equal(root.Id, (await fixture.Db.Categories.FindUniqueAsync(c => c.Name == tag + "-b"))!.ParentId);

        // Disconnecting another parent's child is not found, and connect moves a row under this parent.
        await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            fixture.Db.Categories.UpdateAsync(c => c.Id == root.Id, new() { Children = new() { Disconnect = [c => c.Name == tag + "-x"] } }));
        Assert.Equal(other.Id, (await fixture.Db.Categories.FindUniqueAsync(c => c.Name == tag + "-x"))!.ParentId);
        await fixture.Db.Categories.UpdateAsync(c => c.Id == root.Id, new() { Children = new() { Connect = [c => c.Name == tag + "-x"] } });
        Assert.Equal(root.Id, (await fixture.Db.Categories.FindUniqueAsync(c => c.Name == tag + "-x"))!.ParentId);
    }

    [Fact]
    public async Task To_one_relations_update_and_delete_the_related_row()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail(), Profile = new() { Create = new() { Bio = "old" } } });
        await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Profile = new() { Update = new() { Bio = "new" } } });
        Assert.Equal("new", (await fixture.Db.Profiles.FindUniqueAsync(p => p.UserId == user.Id))!.Bio);

        await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Profile = new() { Delete = true } });
        Assert.Null(await fixture.Db.Profiles.FindUniqueAsync(p => p.UserId == user.Id));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Profile = new() { Delete = true } }));

        await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Profile = new() { Create = new() { Bio = "again" } } });
        Assert.Equal("again", (await fixture.Db.Profiles.FindUniqueAsync(p => p.UserId == user.Id))!.Bio);
    }

    [Fact]
    public async Task Nested_writes_are_refused_where_they_have_no_meaning()
    {
        var (user, _) = await UserWithPostsAsync(1);
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.UpdateManyAsync(u => u.Id == user.Id, new() { Posts = new() { Create = [new() { Title = "x" }] } }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.UpsertAsync(u => u.Email == user.Email,
            new() { Email = user.Email }, new() { Posts = new() { Create = [new() { Title = "x" }] } }));
        Assert.Equal(0, await fixture.Db.Posts.CountAsync(p => p.AuthorId == user.Id && p.Title == "x"));
    }
}
