using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

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
}
