using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests;

public sealed class FindUniqueTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Finds_by_primary_key_and_by_unique_field()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "unique@x.io", Name = "U" });
        var id = user.Id;

        Assert.Equal("unique@x.io", (await fixture.Db.Users.FindUniqueAsync(u => u.Id == id))!.Email);
        Assert.Equal(id, (await fixture.Db.Users.FindUniqueAsync(u => u.Email == "unique@x.io"))!.Id);
        Assert.Equal(id, (await fixture.Db.Users.FindUniqueAsync(u => "unique@x.io" == u.Email))!.Id);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == "missing@x.io"));
    }

    [Fact]
    public async Task Finds_one_to_one_by_its_unique_foreign_key()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "profile-owner@x.io" });
        var profile = await fixture.Db.Profiles.CreateAsync(new() { UserId = user.Id, Bio = "hi" });
        Assert.Equal(profile.Id, (await fixture.Db.Profiles.FindUniqueAsync(p => p.UserId == user.Id))!.Id);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("or")]
    [InlineData("range")]
    [InlineData("partial-and")]
    public async Task Rejects_predicates_that_are_not_a_unique_key_and_lists_the_keys(string kind)
    {
        Func<Task> find = () => kind switch
        {
            "name" => fixture.Db.Users.FindUniqueAsync(u => u.Name == "x"),
            "or" => fixture.Db.Users.FindUniqueAsync(u => u.Id == 1 || u.Email == "x"),
            "range" => fixture.Db.Users.FindUniqueAsync(u => u.Id > 1),
            _ => fixture.Db.Users.FindUniqueAsync(u => u.Email == "x" && u.Name == "y"),
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(find);
        Assert.Contains("(Id)", error.Message);
        Assert.Contains("(Email)", error.Message);
        Assert.Contains("FindFirstAsync", error.Message);
    }

    [Fact]
    public async Task FindFirst_takes_any_filter()
    {
        await fixture.Db.Users.CreateAsync(new() { Email = "first@x.io", Name = "First" });
        Assert.Equal("first@x.io", (await fixture.Db.Users.FindFirstAsync(u => u.Name == "First"))!.Email);
        Assert.Null(await fixture.Db.Users.FindFirstAsync(u => u.Name == "Nobody"));
    }

    [Fact]
    public async Task The_unique_key_check_runs_once_per_shape_and_a_FindFirst_plan_of_the_same_filter_does_not_skip_it()
    {
        // FindFirstAsync caches the plan of Where(Name == x).FirstOrDefault(); FindUniqueAsync of the same filter is
        // still refused, every time (a refused shape is not cached).
        var name = "shape-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await fixture.Db.Users.FindFirstAsync(u => u.Name == name));
        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.FindUniqueAsync(u => u.Name == name));
            Assert.Contains("(Email)", error.Message);
        }

        // The accepted shape: the first find builds its plan, the later ones hit it, each with its own value.
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add((await fixture.Db.Users.CreateAsync(new() { Email = $"{name}-{i}@x.io", Name = name })).Email);
        }

        var hits = fixture.Db.QueryCache.Hits;
        var found = new List<(int Id, string Email)>();
        foreach (var email in emails)
        {
            var user = await fixture.Db.Users.FindUniqueAsync(u => u.Email == email);
            found.Add((user!.Id, user.Email));
        }

        Assert.True(fixture.Db.QueryCache.Hits - hits >= 2);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == name + "-missing@x.io"));

        // Expected rows read with plain Npgsql.
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("""SELECT "Id", "Email" FROM "User" WHERE "Name" = $1""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var expected = new List<(int Id, string Email)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        Assert.Equal(expected.OrderBy(r => r.Email, StringComparer.Ordinal), found.OrderBy(r => r.Email, StringComparer.Ordinal));
    }
}
