using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// What LINQ046 warns of: <c>OnDelete = SetNull</c> on a foreign key that cannot be NULL. The database takes the key,
/// and deleting the referenced row then fails with P2011 and changes nothing.
/// </summary>
public sealed class RequiredKeySetNullTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Deleting_the_referenced_row_fails_with_P2011_and_changes_nothing()
    {
        var name = "harbor-" + Guid.NewGuid().ToString("N")[..8];
        var harbor = await fixture.Db.Harbors.CreateAsync(new() { Name = name, Boats = new() { Create = [new() { Name = "a" }, new() { Name = "b" }] } });

        var error = await Assert.ThrowsAsync<NullConstraintViolationException>(() => fixture.Db.Harbors.DeleteAsync(h => h.Id == harbor.Id));
        Assert.Equal("P2011", error.Code);

        var harbors = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Name\" FROM \"Harbor\" WHERE \"Id\" = {harbor.Id}", r => r.Get<string>("Name"));
        var boats = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Name\", \"HarborId\" FROM \"Boat\" WHERE \"HarborId\" = {harbor.Id} ORDER BY \"Name\"", r => (r.Get<string>("Name"), r.Get<int>("HarborId")));
        Assert.Equal([name], harbors);
        Assert.Equal([("a", harbor.Id), ("b", harbor.Id)], boats);
    }
}
