using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>An owner as the fuzzer expects it stored. Rows are identified by their unique keys; ids are learned from the database.</summary>
public sealed class OwnerRow
{
    public int? Id { get; set; }
    public required string Name { get; set; }
    public Mood Kind { get; set; }
    public ExactNumber Budget { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }

    public override string ToString() => $"Owner({Id}, {Name}, {Kind}, {Budget}, {Note ?? "null"}, {CreatedAt:O})";
}

/// <summary>An item as the fuzzer expects it stored; its owner by reference (the composite key is owner + code).</summary>
public sealed class ItemRow
{
    public int? Id { get; set; }
    public required OwnerRow Owner { get; set; }
    public required string Code { get; set; }
    public ExactNumber Amount { get; set; }
    public ExactNumber Price { get; set; }
    public int Qty { get; set; }
    public Mood? Feeling { get; set; }
    public string? Note { get; set; }
    public DateTime? DueAt { get; set; }

    public override string ToString() => $"Item({Id}, {Owner.Name}/{Code}, {Amount}, {Price}, {Qty}, {Feeling?.ToString() ?? "null"}, {Note ?? "null"}, {DueAt:O})";
}

/// <summary>A part as the fuzzer expects it stored; its item by reference, or none.</summary>
public sealed class PartRow
{
    public int? Id { get; set; }
    public required string Label { get; set; }
    public ItemRow? Item { get; set; }
    public long Weight { get; set; }

    public override string ToString() => $"Part({Id}, {Label}, {(Item is null ? "null" : Item.Owner.Name + "/" + Item.Code)}, {Weight})";
}

/// <summary>The whole expected state: plain lists, copied before each operation so a failed one is simply dropped.</summary>
public sealed class FuzzState
{
    public List<OwnerRow> Owners { get; } = [];
    public List<ItemRow> Items { get; } = [];
    public List<PartRow> Parts { get; } = [];

    public OwnerRow? Owner(string name) => Owners.Find(o => o.Name == name);

    public OwnerRow? OwnerById(int id) => Owners.Find(o => o.Id == id);

    public ItemRow? Item(string owner, string code) => Items.Find(i => i.Owner.Name == owner && i.Code == code);

    public ItemRow? ItemById(int id) => Items.Find(i => i.Id == id);

    public PartRow? Part(string label) => Parts.Find(p => p.Label == label);

    public PartRow? PartById(int id) => Parts.Find(p => p.Id == id);

    /// <summary>A deep copy (references between rows remapped to the copies).</summary>
    public FuzzState Clone()
    {
        var copy = new FuzzState();
        var owners = new Dictionary<OwnerRow, OwnerRow>(ReferenceEqualityComparer.Instance);
        foreach (var o in Owners)
        {
            var c = new OwnerRow { Id = o.Id, Name = o.Name, Kind = o.Kind, Budget = o.Budget, Note = o.Note, CreatedAt = o.CreatedAt };
            owners[o] = c;
            copy.Owners.Add(c);
        }

        var items = new Dictionary<ItemRow, ItemRow>(ReferenceEqualityComparer.Instance);
        foreach (var i in Items)
        {
            var c = new ItemRow
            {
                Id = i.Id, Owner = owners[i.Owner], Code = i.Code, Amount = i.Amount, Price = i.Price, Qty = i.Qty, Feeling = i.Feeling, Note = i.Note, DueAt = i.DueAt,
            };
            items[i] = c;
            copy.Items.Add(c);
        }

        foreach (var p in Parts)
        {
            copy.Parts.Add(new PartRow { Id = p.Id, Label = p.Label, Item = p.Item is null ? null : items[p.Item], Weight = p.Weight });
        }

        return copy;
    }
}
