using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Extensions;

/// <summary>
/// A global filter on writes: UpdateMany and DeleteMany touch only the rows it lets through (batch forms too), Update
/// and Delete by unique key treat a hidden row as not found (P2025), and Upsert updates only a visible row and refuses
/// (P2002) a key held by a hidden one. The table is read back with plain Npgsql.
/// </summary>
public sealed class GlobalFilterWriteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private sealed record PostRow(int Id, string Title, bool Published);

    private async Task<(int Author, List<PostRow> Posts)> SeedAsync(int count)
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = $"gw-{Guid.NewGuid():N}"[..20] + "@x.io" });
        for (var i = 0; i < count; i++)
        {
            await fixture.Db.Posts.CreateAsync(new() { Title = "t" + i, AuthorId = user.Id, Published = i % 2 == 0 });
        }

        return (user.Id, await ReadAsync(user.Id));
    }

    private Task<List<PostRow>> ReadAsync(int author) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"Title\", \"Published\" FROM \"Post\" WHERE \"AuthorId\" = {author} ORDER BY \"Id\"",
        r => new PostRow(r.Get<int>("Id"), r.Get<string>("Title"), r.Get<bool>("Published")));

    private TestDb Published => fixture.Db.WithExtensions(x => x.Filter<Post>(p => p.Published));

    [Fact]
    public async Task UpdateMany_and_DeleteMany_touch_only_matching_rows()
    {
        var (author, before) = await SeedAsync(6);
        var updated = await Published.Posts.UpdateManyAsync(p => p.AuthorId == author, new() { Title = "seen" });
        Assert.Equal(before.Count(p => p.Published), updated);
        var after = await ReadAsync(author);
        Assert.Equal(before.Select(p => p.Published ? "seen" : p.Title), after.Select(p => p.Title));

        var deleted = await Published.Posts.DeleteManyAsync(p => p.AuthorId == author);
        Assert.Equal(before.Count(p => p.Published), deleted);
        Assert.Equal(before.Where(p => !p.Published).Select(p => p.Id), (await ReadAsync(author)).Select(p => p.Id));
    }

    [Fact]
    public async Task Batch_update_and_delete_many_touch_only_matching_rows()
    {
        var (author, before) = await SeedAsync(4);
        var db = Published;
        var (updated, deleted) = await db.TransactionAsync(
            Batch.UpdateMany(db.Posts, p => p.AuthorId == author, new PostUpdateInput { Title = "b" }),
            Batch.DeleteMany(db.Posts, p => p.AuthorId == author && p.Title == "b"));
        Assert.Equal((2, 2), (updated, deleted));
        Assert.Equal(before.Where(p => !p.Published).Select(p => p.Title), (await ReadAsync(author)).Select(p => p.Title));
    }

    [Fact]
    public async Task Update_and_delete_of_a_hidden_row_are_not_found()
    {
        var (author, before) = await SeedAsync(2);
        var visible = before.First(p => p.Published);
        var hidden = before.First(p => !p.Published);

        Assert.Equal("u", (await Published.Posts.UpdateAsync(p => p.Id == visible.Id, new() { Title = "u" })).Title);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Published.Posts.UpdateAsync(p => p.Id == hidden.Id, new() { Title = "u" }));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Published.Posts.UpdateAsync(p => p.Id == hidden.Id, new()));
        Assert.Equal(WriteOutcome.NotFound, (await Published.Posts.DeleteAsync(p => p.Id == hidden.Id).AsResult()).Outcome);
        Assert.Equal(visible.Id, (await Published.Posts.DeleteAsync(p => p.Id == visible.Id)).Id);

        Assert.Equal([(hidden.Id, hidden.Title)], (await ReadAsync(author)).Select(p => (p.Id, p.Title)));
    }

    [Fact]
    public async Task Upsert_updates_a_visible_row_creates_a_missing_one_and_refuses_a_hidden_one()
    {
        var email = $"gu-{Guid.NewGuid():N}"[..20] + "@x.io";
        var users = fixture.Db.WithExtensions(x => x.Filter<User>(u => u.Name != "hidden"));

        var created = await users.Users.UpsertAsync(u => u.Email == email, new() { Email = email, Name = "a" }, new() { Name = "b" });
        Assert.Equal("a", created.Name);
        Assert.Equal("b", (await users.Users.UpsertAsync(u => u.Email == email, new() { Email = email, Name = "a" }, new() { Name = "b" })).Name);

        await fixture.Db.Users.UpdateAsync(u => u.Email == email, new() { Name = "hidden" });
        var refused = await users.Users.UpsertAsync(u => u.Email == email, new() { Email = email, Name = "a" }, new() { Name = "c" }).AsResult();
        Assert.Equal(WriteOutcome.UniqueViolation, refused.Outcome);
        Assert.Equal(["Email"], refused.Error!.Fields);
        Assert.Equal(["hidden"], await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Name\" FROM \"User\" WHERE \"Email\" = '{email}'", r => r.Get<string>("Name")));
    }

    [Fact]
    public async Task A_write_filter_over_a_relation_sees_the_related_models_filter()
    {
        // DeleteMany on users "with no posts" counts only the posts the filter lets through.
        var (author, before) = await SeedAsync(1);
        Assert.True(before.Single().Published);
        var drafts = fixture.Db.WithExtensions(x => x.Filter<Post>(p => !p.Published));
        var updated = await drafts.Users.UpdateManyAsync(u => u.Id == author && !u.Posts.Any(), new() { Name = "no drafts" });
        Assert.Equal(1, updated);
        Assert.Equal(0, await fixture.Db.Users.UpdateManyAsync(u => u.Id == author && !u.Posts.Any(), new() { Name = "x" }));
    }
}
