using System.Linq.Expressions;
using Linq.Provider.Tests.Infrastructure;
using Linq.Querying;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// A new query shape reads its first rows through the interpreted shaper while the compiled one is built on a
/// thread-pool thread: both must give the very rows plain Npgsql reads, on the first execution and on later ones
/// (with nullable and non-null columns, ordering, paging and an include in the same plan).
/// </summary>
public sealed class TieredShaperTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_interpreted_and_the_compiled_delegate_compute_the_same_values_and_the_swap_arrives()
    {
        Expression<Func<int, string?, string>> lambda = (id, name) => (name ?? "none") + ":" + (id * 2);
        var swapped = new TaskCompletionSource<Func<int, string?, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = ShaperCompiler.CompileTiered(lambda, swapped.SetResult);
        var compiled = await swapped.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotSame(first, compiled);
        foreach (var (id, name) in new (int, string?)[] { (1, "a"), (2, null), (-3, "") })
        {
            Assert.Equal(lambda.Compile()(id, name), first(id, name));
            Assert.Equal(first(id, name), compiled(id, name));
        }
    }

    [Fact]
    public async Task New_projection_shapes_read_the_same_rows_on_their_first_and_later_executions()
    {
        var tag = $"ts-{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 6; i++)
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-{i}@x.io", Name = i % 3 == 0 ? null : $"n{i}", Role = i % 2 == 0 ? Role.Admin : Role.User });
            await fixture.Db.Posts.CreateAsync(new() { Title = $"{tag}-p{i}", AuthorId = user.Id });
        }

        var users = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Email\", \"Name\", \"Role\"::text AS \"Role\" FROM \"User\" WHERE \"Email\" LIKE '{tag}%'",
            r => (Id: r.Get<int>("Id"), Email: r.Get<string>("Email"), Name: r.Ref<string>("Name"), Role: r.Get<string>("Role")));
        var posts = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"AuthorId\", \"Title\" FROM \"Post\" WHERE \"Title\" LIKE '{tag}%'",
            r => (AuthorId: r.Get<int>("AuthorId"), Title: r.Get<string>("Title")));
        var expected = users.OrderBy(u => u.Id).Skip(1).Take(4)
            .Select(u => $"{u.Id}|{u.Email}|{u.Name ?? "-"}|{u.Role}|{string.Join(",", posts.Where(p => p.AuthorId == u.Id).Select(p => p.Title))}")
            .ToList();

        // A captured value in the projection makes this shape new to the plan cache of every test run.
        var marker = Guid.NewGuid().ToString("N");
        for (var execution = 0; execution < 3; execution++)
        {
            var rows = await fixture.Db.Users
                .Where(u => u.Email.StartsWith(tag))
                .OrderBy(u => u.Id)
                .Skip(1)
                .Take(4)
                .Select(u => new { u.Id, u.Email, Name = u.Name ?? "-", Role = u.Role.ToString(), Titles = u.Posts.Select(p => p.Title).ToList(), Marker = marker })
                .ToListAsync();
            Assert.Equal(expected, rows.Select(r => $"{r.Id}|{r.Email}|{r.Name}|{r.Role}|{string.Join(",", r.Titles)}").ToList());
            Assert.All(rows, r => Assert.Equal(marker, r.Marker));
        }
    }
}
