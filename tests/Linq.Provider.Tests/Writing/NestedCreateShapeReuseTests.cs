using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A nested create's collected rows live in a shape its thread reuses for the next nested create (row collectors and
/// value array kept, values cleared). Creates of growing and shrinking sizes in turn, many at once on the thread pool,
/// inside a transaction and after a create that failed while its rows were collected, each store exactly their own
/// rows: read back with plain Npgsql and compared with what the inputs say. A create that fails before any SQL returns
/// its error in the task, as an async method does.
/// </summary>
public sealed class NestedCreateShapeReuseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"nsr-{Guid.NewGuid():N}@x.io";

    // Child i: Content set on every third (null on every sixth), unset otherwise; Published on the odd ones.
    private static UserCreateInput Input(string email, int children, string tag, bool setName = true)
    {
        var posts = new List<PostCreateWithoutAuthorInput>(children);
        for (var i = 0; i < children; i++)
        {
            var post = new PostCreateWithoutAuthorInput { Title = $"{tag}-{i}" };
            if (i % 3 == 0)
            {
                post.Content = i % 6 == 0 ? null : $"c{tag}-{i}";
            }

            if (i % 2 == 1)
            {
                post.Published = true;
            }

            posts.Add(post);
        }

        var input = new UserCreateInput { Email = email, Posts = new() { Create = posts } };
        if (setName)
        {
            input.Name = "n" + tag;
        }

        return input;
    }

    private static string Expected(int children, string tag, bool setName = true) =>
        $"{(setName ? "n" + tag : "NULL")}: " + string.Join("; ", Enumerable.Range(0, children)
            .Select(i => ($"{tag}-{i}", i % 3 == 0 && i % 6 != 0 ? $"c{tag}-{i}" : null, i % 2 == 1))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .Select(p => $"{p.Item1}|{p.Item2 ?? "NULL"}|{p.Item3}"));

    private async Task<string> StoredAsync(string email)
    {
        var name = Assert.Single(await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Name\" FROM \"User\" WHERE \"Email\" = '{email}'", r => r.Ref<string>("Name")));
        var posts = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT p.\"Title\", p.\"Content\", p.\"Published\" FROM \"Post\" AS p JOIN \"User\" AS u ON u.\"Id\" = p.\"AuthorId\" WHERE u.\"Email\" = '{email}'",
            r => (r.Get<string>("Title"), r.Ref<string>("Content"), r.Get<bool>("Published")));
        return $"{name ?? "NULL"}: " + string.Join("; ", posts.OrderBy(p => p.Item1, StringComparer.Ordinal).Select(p => $"{p.Item1}|{p.Item2 ?? "NULL"}|{p.Item3}"));
    }

    [Fact]
    public async Task Growing_and_shrinking_creates_in_turn_store_exactly_their_own_rows()
    {
        int[] sizes = [10, 2, 0, 12, 1, 10, 3];
        for (var k = 0; k < sizes.Length; k++)
        {
            var email = NewEmail();
            var tag = $"s{k}";
            var user = await fixture.Db.Users.CreateAsync(Input(email, sizes[k], tag, setName: k % 2 == 0));
            Assert.Equal(email, user.Email);
            Assert.Equal(Expected(sizes[k], tag, setName: k % 2 == 0), await StoredAsync(email));
        }
    }

    [Fact]
    public async Task Many_creates_at_once_and_inside_a_transaction_store_exactly_their_own_rows()
    {
        var specs = Enumerable.Range(0, 24).Select(k => (Email: NewEmail(), Children: (k * 7) % 13, Tag: $"p{k}")).ToList();
        await Task.WhenAll(specs.Select(s => Task.Run(() => fixture.Db.Users.CreateAsync(Input(s.Email, s.Children, s.Tag)))));
        foreach (var (email, children, tag) in specs)
        {
            Assert.Equal(Expected(children, tag), await StoredAsync(email));
        }

        var (first, second) = (NewEmail(), NewEmail());
        await fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(Input(first, 11, "t1"));
            await tx.Users.CreateAsync(Input(second, 4, "t2", setName: false));
        });
        Assert.Equal(Expected(11, "t1"), await StoredAsync(first));
        Assert.Equal(Expected(4, "t2", setName: false), await StoredAsync(second));
    }

    [Fact]
    public async Task A_create_refused_while_its_rows_are_collected_fails_in_its_task_and_the_next_one_stores_its_rows()
    {
        var refusedEmail = NewEmail();
        var refused = Input(refusedEmail, 5, "r");
        refused.Posts!.Create![3].CreatedAt = DateTime.MinValue; // refused by the value check of the fourth child
        Task<User> pending = null!;
        Assert.Null(Record.Exception(() => { pending = fixture.Db.Users.CreateAsync(refused); }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => pending);

        var nullChild = new UserCreateInput { Email = NewEmail(), Posts = new() { Create = [new PostCreateWithoutAuthorInput { Title = "x" }, null!] } };
        Assert.Null(Record.Exception(() => { pending = fixture.Db.Users.CreateAsync(nullChild); }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => pending);
        Assert.Null(Record.Exception(() => { pending = fixture.Db.Users.CreateAsync(null!); }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => pending);

        var email = NewEmail();
        await fixture.Db.Users.CreateAsync(Input(email, 6, "a"));
        Assert.Equal(Expected(6, "a"), await StoredAsync(email));
        Assert.Empty(await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\" FROM \"User\" WHERE \"Email\" = '{refusedEmail}'", r => r.Get<int>("Id")));
    }
}
