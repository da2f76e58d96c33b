using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A nested update of a parent that does not exist is P2025 naming the parent, whatever its nested writes: found by the
/// write fuzzer, a <c>Connect</c> (or <c>ConnectOrCreate</c>) under a missing parent set the child's foreign key to the
/// parent's NULL key, so a required relation failed with a null violation (P2011) instead, and an optional one briefly
/// detached the child from its own parent inside the rolled-back transaction; and children created with grandchildren
/// drew identities the grandchildren referenced though the children were never inserted (a foreign key violation, P2003).
/// Nothing may change either way.
/// </summary>
public sealed class NestedUpdateMissingParentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(FuzzOwner Owner, FuzzItem Item)> OwnerWithItemAsync()
    {
        var owner = await fixture.Db.FuzzOwners.CreateAsync(new()
        {
            Name = "mp-" + Guid.NewGuid().ToString("N")[..10], Kind = Mood.Happy, Budget = 1, CreatedAt = DateTime.UtcNow,
            Items = new() { Create = [new() { Code = "a", Amount = 1, Price = 1, Qty = 1 }] },
        });
        return (owner, await fixture.Db.FuzzItems.FirstAsync(i => i.OwnerId == owner.Id));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Connect_under_a_missing_parent_is_the_parent_not_found_and_changes_nothing(bool connectOrCreate, bool withCreate)
    {
        var (owner, item) = await OwnerWithItemAsync();
        var itemId = item.Id;
        var items = new NestedUpdateMany<FuzzItem, FuzzItemCreateWithoutOwnerInput, FuzzItemUpdateInput>();
        if (connectOrCreate)
        {
            items.ConnectOrCreate = [new() { Where = i => i.Id == itemId, Create = new() { Code = "made", Amount = 1, Price = 1, Qty = 1 } }];
        }
        else
        {
            items.Connect = [i => i.Id == itemId];
        }

        if (withCreate)
        {
            items.Create = [new() { Code = "new", Amount = 2, Price = 2, Qty = 2 }];
        }

        // Twice: the first render and a second call of the same shape.
        for (var call = 0; call < 2; call++)
        {
            var missing = "missing-" + Guid.NewGuid().ToString("N")[..8];
            var error = await Assert.ThrowsAsync<RecordNotFoundException>(() =>
                fixture.Db.FuzzOwners.UpdateAsync(o => o.Name == missing, new() { Note = "x", Items = items }));
            Assert.Equal("P2025", error.Code);
            Assert.Equal("FuzzOwner", error.Model);
        }

        var rows = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Code\", \"OwnerId\" FROM \"FuzzItem\" WHERE \"OwnerId\" = {owner.Id} OR \"Code\" IN ('new', 'made')",
            r => (r.Get<string>("Code"), r.Get<int>("OwnerId")));
        Assert.Equal([("a", owner.Id)], rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Creates_with_grandchildren_under_a_missing_parent_are_the_parent_not_found(int children)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var call = 0; call < 2; call++)
        {
            var missing = "missing-" + Guid.NewGuid().ToString("N")[..8];
            var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.FuzzOwners.UpdateAsync(o => o.Name == missing, new()
            {
                Items = new()
                {
                    Create = [.. Enumerable.Range(0, children).Select(i => new FuzzItemCreateWithoutOwnerInput
                    {
                        Code = tag + i, Amount = 1, Price = 1, Qty = 1, Parts = new() { Create = [new() { Label = tag + "-" + i + "-" + call, Weight = 1 }] },
                    })],
                },
            }));
            Assert.Equal("FuzzOwner", error.Model);
        }

        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString,
            $"SELECT (SELECT count(*) FROM \"FuzzItem\" WHERE \"Code\" LIKE '{tag}%') + (SELECT count(*) FROM \"FuzzPart\" WHERE \"Label\" LIKE '{tag}%')"));
    }
}
