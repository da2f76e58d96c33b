using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>The end-to-end path: generated create input → INSERT … RETURNING; LINQ → re-linq → Linq.Sql → Npgsql.</summary>
public sealed class CreateAndQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Create_returns_database_generated_values()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "gen-" + Guid.NewGuid() + "@x.io" });
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "t", AuthorId = user.Id });

        Assert.True(user.Id > 0);
        Assert.Equal(Role.User, user.Role);
        Assert.Null(user.Name);
        Assert.False(post.Published);
        Assert.InRange(post.CreatedAt, before, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(DateTimeKind.Utc, post.CreatedAt.Kind);
    }

    [Fact]
    public async Task Create_uses_given_values_over_defaults()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "admin-" + Guid.NewGuid() + "@x.io", Role = Role.Admin, Name = "Ada" });
        // What the row holds, read with plain Npgsql rather than through the provider that wrote it.
        var stored = Assert.Single(await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Name\", \"Role\"::text AS role FROM \"User\" WHERE \"Id\" = {user.Id}",
            r => (Name: r.Ref<string>("Name"), Role: r.Enum<Role>("role"))));
        Assert.Equal((Name: "Ada", Role: Role.Admin), stored);
        Assert.Equal(Role.Admin, user.Role);
        Assert.Equal("Ada", user.Name);
    }

    [Fact]
    public async Task Where_by_unique_email_finds_exactly_that_user()
    {
        var email = "where-" + Guid.NewGuid() + "@x.io";
        var created = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = "W" });
        await fixture.Db.Users.CreateAsync(new() { Email = "other-" + Guid.NewGuid() + "@x.io" });

        var found = await fixture.Db.Users.Where(u => u.Email == email).ToListAsync();

        var user = Assert.Single(found);
        Assert.Equal(created.Id, user.Id);
        Assert.Equal("W", user.Name);
    }

    [Fact]
    public async Task Query_sql_is_parameterized()
    {
        var email = "x'; DROP TABLE \"User\"; --";
        var sql = fixture.Db.Users.Where(u => u.Email == email).ToSql();
        Assert.Equal("SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Email\" = $1", sql);
        Assert.Empty(await fixture.Db.Users.Where(u => u.Email == email).ToListAsync());
    }

    [Fact]
    public async Task Hostile_values_are_stored_and_found_verbatim()
    {
        string[] hostile = ["'", "''", "\"", "--", "; DROP TABLE \"User\";", "\\", "$$", "$1", "%", "_", "\u0001", "🎉𝄞", new string('\'', 5000)];
        foreach (var value in hostile)
        {
            var email = value + Guid.NewGuid();
            var created = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = value });
            var found = await fixture.Db.Users.Where(u => u.Email == email && u.Name == value).SingleAsync();
            Assert.Equal(created.Id, found.Id);
            Assert.Equal(value, found.Name);
        }
    }

    [Fact]
    public async Task Filters_match_linq_to_objects()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string?[] names = ["Ann", null, "Bob", "", null, "Cy"];
        for (var i = 0; i < names.Length; i++)
        {
            await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-{i}@x.io", Name = names[i], Role = i % 2 == 0 ? Role.Admin : Role.User });
        }

        var prefix = tag + "-";
        // The expected side is read with plain Npgsql, not through the provider under test.
        var all = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Email\", \"Name\", \"Role\"::text AS role FROM \"User\" WHERE \"Email\" LIKE '{tag}-%' ORDER BY \"Id\"",
            r => new User { Id = r.Get<int>("Id"), Email = r.Get<string>("Email"), Name = r.Ref<string>("Name"), Role = r.Enum<Role>("role") });
        Assert.Equal(names, all.Select(u => u.Name));

        string? nobody = null;
        var bob = "Bob";
        var cases = new (string Name, System.Linq.Expressions.Expression<Func<User, bool>> Predicate)[]
        {
            ("equal", u => u.Name == bob),
            ("not equal keeps nulls", u => u.Name != bob),
            ("is null", u => u.Name == null),
            ("is not null", u => u.Name != null),
            ("null variable", u => u.Name == nobody),
            ("negated equality keeps nulls", u => !(u.Name == bob)),
            ("negated and", u => !(u.Name == bob && u.Role == Role.Admin)),
            ("or", u => u.Name == "Ann" || u.Role == Role.User),
            ("enum", u => u.Role == Role.Admin),
            ("not enum", u => u.Role != Role.Admin),
            ("range", u => u.Id > all[1].Id && u.Id <= all[4].Id),
            ("arithmetic", u => u.Id - all[0].Id == 2),
            ("empty string", u => u.Name == ""),
        };

        foreach (var (name, predicate) in cases)
        {
            var expected = all.Where(predicate.Compile()).Select(u => u.Id).Order().ToList();
            var actual = (await fixture.Db.Users.Where(u => u.Email.StartsWith(prefix)).Where(predicate).ToListAsync()).Select(u => u.Id).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{name}: expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
        }
    }

    [Fact]
    public async Task Terminal_operators_follow_linq_semantics()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-a@x.io", Name = "A" });
        var b = await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-b@x.io", Name = "B" });
        var mine = fixture.Db.Users.Where(u => u.Email.StartsWith(tag));

        Assert.Equal(2, await mine.CountAsync());
        Assert.Equal(2L, await mine.LongCountAsync());
        Assert.True(await mine.AnyAsync());
        Assert.False(await mine.AnyAsync(u => u.Name == "Z"));
        Assert.True(await mine.AllAsync(u => u.Name != null));
        Assert.Equal(a.Id, (await mine.OrderBy(u => u.Id).FirstAsync()).Id);
        Assert.Equal(b.Id, (await mine.OrderByDescending(u => u.Id).FirstAsync()).Id);
        Assert.Null(await mine.FirstOrDefaultAsync(u => u.Name == "Z"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.FirstAsync(u => u.Name == "Z"));
        Assert.Equal(b.Id, (await mine.SingleAsync(u => u.Name == "B")).Id);
        Assert.Equal(a.Id + b.Id, await mine.SumAsync(u => u.Id));
        Assert.Equal(b.Id, await mine.MaxAsync(u => u.Id));
        Assert.Equal(0, await mine.Where(u => u.Name == "Z").SumAsync(u => u.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.Where(u => u.Name == "Z").MaxAsync(u => u.Id));
        Assert.Equal([b.Id], (await mine.OrderBy(u => u.Id).Skip(1).Take(5).ToListAsync()).Select(u => u.Id));
        Assert.Equal(1, await mine.OrderBy(u => u.Id).Skip(1).CountAsync());
        Assert.Equal(["A", "B"], (await mine.OrderBy(u => u.Name).Select(u => u.Name).ToListAsync()));

        var streamed = new List<int>();
        await foreach (var user in mine.OrderBy(u => u.Id).AsAsyncEnumerable())
        {
            streamed.Add(user.Id);
        }

        Assert.Equal([a.Id, b.Id], streamed);
        Assert.Equal(2, mine.Count());
    }

    [Fact]
    public async Task Projection_builds_anonymous_types_and_runs_local_code_last()
    {
        var email = "proj-" + Guid.NewGuid() + "@x.io";
        var user = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = "Proj" });

        var row = await fixture.Db.Users.Where(u => u.Id == user.Id)
            .Select(u => new { u.Id, Upper = Shout(u.Email), Missing = u.Name == null, NextId = u.Id + 1 })
            .SingleAsync();

        Assert.Equal(user.Id, row.Id);
        Assert.Equal(email.ToUpperInvariant() + "!", row.Upper);
        Assert.False(row.Missing);
        Assert.Equal(user.Id + 1, row.NextId);
    }

    [Fact]
    public async Task Untranslatable_filter_names_the_sub_expression()
    {
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => fixture.Db.Users.Where(u => Shout(u.Email) == "X").ToListAsync());
        Assert.Contains("Shout", error.Message);
    }

    [Fact]
    public async Task Cancellation_is_honored()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Db.Users.ToListAsync(cancelled.Token));
    }

    private static string Shout(string text) => text.ToUpperInvariant() + "!";
}
