using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A nested update of a child (<c>Items.Update</c>) with nested writes of its own (<c>Parts</c>) addresses the child
/// under the parent being updated. Found by the write fuzzer: the child's own nested writes run first and found the
/// child by its key alone, so on another parent's child they ran: a part created with a taken label failed with P2002,
/// a missing part with P2025 naming the part, before the child's own "not found under this parent" (P2025 naming the
/// item). Everything rolled back, and must still: nothing may change.
/// </summary>
public sealed class NestedUpdateChildScopeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(FuzzOwner Owner, FuzzItem Item, FuzzPart Part)> OwnerWithPartAsync(string tag)
    {
        var owner = await fixture.Db.FuzzOwners.CreateAsync(new()
        {
            Name = tag + "-" + Guid.NewGuid().ToString("N")[..8], Kind = Mood.Happy, Budget = 1, CreatedAt = DateTime.UtcNow,
            Items = new() { Create = [new() { Code = "a", Amount = 1, Price = 1, Qty = 1, Parts = new() { Create = [new() { Label = tag + "-" + Guid.NewGuid().ToString("N")[..8], Weight = 1 }] } }] },
        });
        var item = await fixture.Db.FuzzItems.FirstAsync(i => i.OwnerId == owner.Id);
        return (owner, item, await fixture.Db.FuzzParts.FirstAsync(p => p.ItemId == item.Id));
    }

    private Task<List<(int Id, string Label, int? ItemId, long Weight)>> PartsAsync(params int[] items) =>
        PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Label\", \"ItemId\", \"Weight\" FROM \"FuzzPart\" WHERE \"ItemId\" IN ({string.Join(",", items)}) ORDER BY \"Id\"",
            r => (r.Get<int>("Id"), r.Get<string>("Label"), r.Get<int?>("ItemId"), r.Get<long>("Weight")));

    public static TheoryData<string> PartWrites => ["create-taken-label", "update-missing", "update-existing", "delete-existing", "deleteMany", "disconnect", "set-weight-many"];

    [Theory]
    [MemberData(nameof(PartWrites))]
    public async Task Another_parents_child_is_not_found_whatever_its_nested_writes(string partWrite)
    {
        var (mine, _, _) = await OwnerWithPartAsync("scope-a");
        var (_, theirs, theirPart) = await OwnerWithPartAsync("scope-b");
        var before = await PartsAsync(theirs.Id);
        var theirItemId = theirs.Id;
        var theirLabel = theirPart.Label;

        // Twice: the first render and a cached call of the same shape.
        for (var call = 0; call < 2; call++)
        {
            var parts = new NestedUpdateManyOptional<FuzzPart, FuzzPartCreateWithoutItemInput, FuzzPartUpdateInput>();
            switch (partWrite)
            {
                case "create-taken-label": parts.Create = [new() { Label = theirLabel, Weight = 5 }]; break;
                case "update-missing": parts.Update = [new() { Where = p => p.Label == "no-such-" + theirLabel, Data = new() { Weight = 7 } }]; break;
                case "update-existing": parts.Update = [new() { Where = p => p.Label == theirLabel, Data = new() { Weight = 7 } }]; break;
                case "delete-existing": parts.Delete = [p => p.Label == theirLabel]; break;
                case "deleteMany": parts.DeleteMany = [p => p.Weight > 0]; break;
                case "disconnect": parts.Disconnect = [p => p.Label == theirLabel]; break;
                default: parts.UpdateMany = [new() { Where = p => p.Weight > 0, Data = new() { Weight = 9 } }]; break;
            }

            var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.FuzzOwners.UpdateAsync(o => o.Id == mine.Id, new()
            {
                Items = new() { Update = [new() { Where = i => i.Id == theirItemId, Data = new() { Note = "x", Parts = parts } }] },
            }));
            Assert.Equal("P2025", error.Code);
            Assert.Equal("FuzzItem", error.Model);
        }

        Assert.Equal(before, await PartsAsync(theirs.Id));
        Assert.Equal(1L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"FuzzItem\" WHERE \"Id\" = {theirs.Id} AND \"Note\" IS NULL"));
    }

    [Fact]
    public async Task Own_child_renamed_in_the_same_update_still_gets_its_nested_writes()
    {
        var (mine, item, part) = await OwnerWithPartAsync("scope-c");
        var itemId = item.Id;
        var ownerId = mine.Id;
        var label = part.Label;
        var added = "scope-c-new-" + Guid.NewGuid().ToString("N")[..8];
        // The child by its composite key (the owner's id and its code), which the same update changes.
        await fixture.Db.FuzzOwners.UpdateAsync(o => o.Id == ownerId, new()
        {
            Items = new()
            {
                Update = [new()
                {
                    Where = i => i.OwnerId == ownerId && i.Code == "a",
                    Data = new() { Code = "b", Parts = new() { Create = [new() { Label = added, Weight = 3 }], Update = [new() { Where = p => p.Label == label, Data = new() { Weight = 4 } }] } },
                }],
            },
        });

        Assert.Equal("b", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Code\" FROM \"FuzzItem\" WHERE \"Id\" = {itemId}"));
        Assert.Equal([(added, (int?)itemId, 3L), (label, itemId, 4L)], (await PartsAsync(itemId)).Select(p => (p.Label, p.ItemId, p.Weight)).OrderBy(p => p.Weight).ToList());
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("disconnect")]
    [InlineData("set")]
    [InlineData("create-taken-name")]
    public async Task Another_parents_child_keeps_its_many_to_many_links(string linkWrite)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var flavor = await fixture.Db.Flavors.CreateAsync(new() { Name = "f-" + tag });
        var other = await fixture.Db.Flavors.CreateAsync(new() { Name = "g-" + tag });
        var mine = await fixture.Db.Cellars.CreateAsync(new() { Name = "mine-" + tag, Bottles = new() { Create = [new() { Label = "m" }] } });
        var theirs = await fixture.Db.Cellars.CreateAsync(new()
        {
            Name = "theirs-" + tag,
            Bottles = new() { Create = [new() { Label = "t", Flavors = new() { Connect = [f => f.Id == flavor.Id] } }] },
        });
        var theirBottle = await fixture.Db.Bottles.FirstAsync(b => b.CellarId == theirs.Id);
        var bottleId = theirBottle.Id;
        var (flavorId, otherId, otherName) = (flavor.Id, other.Id, other.Name);
        var links = $"SELECT \"A\", \"B\" FROM \"_BottleToFlavor\" WHERE \"A\" = {bottleId} ORDER BY \"B\"";
        var before = await PlainRows.ReadAsync(fixture.ConnectionString, links, r => (r.Get<int>("A"), r.Get<int>("B")));
        Assert.Equal([(bottleId, flavorId)], before);

        for (var call = 0; call < 2; call++)
        {
            var flavors = new ManyToManyUpdate<Flavor, FlavorCreateInput>();
            switch (linkWrite)
            {
                case "connect": flavors.Connect = [f => f.Id == otherId]; break;
                case "disconnect": flavors.Disconnect = [f => f.Id == flavorId]; break;
                case "set": flavors.Set = [f => f.Id == otherId]; break;
                default: flavors.Create = [new() { Name = otherName }]; break;
            }

            var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Cellars.UpdateAsync(c => c.Id == mine.Id, new()
            {
                Bottles = new() { Update = [new() { Where = b => b.Id == bottleId, Data = new() { Label = "x", Flavors = flavors } }] },
            }));
            Assert.Equal("Bottle", error.Model);
        }

        Assert.Equal(before, await PlainRows.ReadAsync(fixture.ConnectionString, links, r => (r.Get<int>("A"), r.Get<int>("B"))));
        Assert.Equal("t", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Label\" FROM \"Bottle\" WHERE \"Id\" = {bottleId}"));
    }

    [Fact]
    public async Task Own_childs_many_to_many_links_are_written()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var flavor = await fixture.Db.Flavors.CreateAsync(new() { Name = "h-" + tag });
        var cellar = await fixture.Db.Cellars.CreateAsync(new() { Name = "own-" + tag, Bottles = new() { Create = [new() { Label = "o" }] } });
        var bottle = await fixture.Db.Bottles.FirstAsync(b => b.CellarId == cellar.Id);
        var (bottleId, flavorId, cellarId) = (bottle.Id, flavor.Id, cellar.Id);
        await fixture.Db.Cellars.UpdateAsync(c => c.Id == cellarId, new()
        {
            Bottles = new() { Update = [new() { Where = b => b.Id == bottleId, Data = new() { Flavors = new() { Connect = [f => f.Id == flavorId], Create = [new() { Name = "i-" + tag }] } } }] },
        });

        var names = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT f.\"Name\" FROM \"_BottleToFlavor\" j JOIN \"Flavor\" f ON f.\"Id\" = j.\"B\" WHERE j.\"A\" = {bottleId} ORDER BY 1", r => r.Get<string>("Name"));
        Assert.Equal(["h-" + tag, "i-" + tag], names);
    }
}
