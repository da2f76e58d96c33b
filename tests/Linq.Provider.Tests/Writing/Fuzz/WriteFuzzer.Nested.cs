using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>
/// An owner update with nested writes to its items, and through an item's update to its parts (three levels). The model
/// applies them in the documented order: per relation delete, deleteMany, update (the child's own nested writes first),
/// updateMany, create and connect; the owner's own update last.
/// </summary>
public sealed partial class WriteFuzzer
{
    private FuzzStep UpdateOwnerNested(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var (owner, where, target) = OwnerTarget(next, outcome);
        var text = new List<string>();
        var items = new NestedUpdateMany<FuzzItem, FuzzItemCreateWithoutOwnerInput, FuzzItemUpdateInput>();

        // A missing parent: every scoped child write finds nothing, the error names the parent. A stand-in row takes
        // the children's writes in the model (the outcome fails anyway).
        var parent = owner ?? new OwnerRow { Name = "?missing", CreatedAt = default };
        var children = next.Items.Where(i => i.Owner == parent).ToList();

        if (_v.Chance(30))
        {
            var (row, key, keyText) = ChildTarget(next, children);
            items.Delete = [key];
            text.Add("delete " + keyText);
            if (row is null || row.Owner != parent)
            {
                outcome.Database("P2025");
            }
            else
            {
                RemoveItem(next, row);
            }
        }

        if (_v.Chance(20))
        {
            var above = _v.Int();
            items.DeleteMany = [i => i.Qty > above];
            text.Add("deleteMany Qty>" + above);
            foreach (var row in next.Items.Where(i => i.Owner == parent && i.Qty > above).ToList())
            {
                RemoveItem(next, row);
            }
        }

        if (_v.Chance(60))
        {
            items.Update = [];
            for (var n = 1 + _v.Random.Next(2); n > 0; n--)
            {
                var (row, key, keyText) = ChildTarget(next, next.Items.Where(i => i.Owner == parent).ToList());
                var data = new FuzzItemUpdateInput();
                var scoped = row is not null && row.Owner == parent ? row : null;
                if (scoped is null)
                {
                    outcome.Database("P2025");
                }

                // The item's own nested writes find it under this parent only (NestedParent): on another owner's item they
                // change nothing, and the call is the item not found (P2025).
                var partsText = PartWrites(next, scoped, data, outcome);
                var dataText = ItemData(next, scoped, data, outcome, owner: false);
                items.Update.Add(new() { Where = key, Data = data });
                text.Add($"update {keyText}: {dataText}{partsText}");
            }
        }

        if (_v.Chance(20))
        {
            var below = _v.Int();
            var note = _v.Note();
            items.UpdateMany = [new() { Where = i => i.Qty < below, Data = new() { Note = note } }];
            text.Add($"updateMany Qty<{below}: Note={note ?? "null"}");
            foreach (var row in next.Items.Where(i => i.Owner == parent && i.Qty < below))
            {
                row.Note = note;
            }
        }

        if (_v.Chance(50))
        {
            items.Create = [.. Enumerable.Range(0, 1 + _v.Random.Next(2)).Select(_ => NewItem(next, parent, outcome, parts: _v.Chance(40)))];
            text.Add("create " + string.Join(",", items.Create.Select(i => i.Code + "+" + (i.Parts?.Create?.Count ?? 0))));
        }

        if (_v.Chance(20))
        {
            var row = next.Items.Count > 0 && _v.Chance(85) ? _v.Pick(next.Items) : null;
            var id = row?.Id ?? MissingId();
            items.Connect = [i => i.Id == id];
            text.Add("connect id " + id);
            if (row?.Id is null)
            {
                outcome.Database("P2025");
            }
            else if (row.Owner != parent)
            {
                if (next.Item(parent.Name, row.Code) is not null)
                {
                    outcome.Database("P2002");
                }

                row.Owner = parent;
            }
        }

        var update = new FuzzOwnerUpdateInput { Items = items };
        var ownText = _v.Chance(60) ? OwnerData(next, owner, update, outcome) : "";
        return new($"update owner {target} nested: {string.Join("; ", text)} | {ownText}", async db =>
        {
            var updated = await db.FuzzOwners.UpdateAsync(where, update);
            return SameOwner(updated, owner);
        }, outcome, next);
    }

    // A child of the parent (by id or composite key), sometimes another owner's item or a missing id.
    private (ItemRow? Row, Expression<Func<FuzzItem, bool>> Key, string Text) ChildTarget(FuzzState next, List<ItemRow> children)
    {
        var pool = children.Count > 0 && _v.Chance(80) ? children : next.Items;
        var row = pool.Count > 0 && _v.Chance(90) ? _v.Pick(pool) : null;
        if (row?.Owner.Id is { } ownerId && _v.Chance(50))
        {
            var code = row.Code;
            return (row, i => i.OwnerId == ownerId && i.Code == code, $"({ownerId}, {code})");
        }

        if (row?.Id is { } id)
        {
            return (row, i => i.Id == id, "id " + id);
        }

        var missing = MissingId();
        return (null, i => i.Id == missing, "id " + missing);
    }

    // The parts of an item update: disconnect, delete, update (by the unique label), create. Applied to item when there is one.
    private string PartWrites(FuzzState next, ItemRow? item, FuzzItemUpdateInput data, FuzzOutcome outcome)
    {
        if (!_v.Chance(50))
        {
            return "";
        }

        var parts = new NestedUpdateManyOptional<FuzzPart, FuzzPartCreateWithoutItemInput, FuzzPartUpdateInput>();
        var text = new List<string>();
        PartRow? Pick()
        {
            var own = next.Parts.Where(p => p.Item == item && item is not null).ToList();
            var pool = own.Count > 0 && _v.Chance(80) ? own : next.Parts;
            return pool.Count > 0 && _v.Chance(90) ? _v.Pick(pool) : null;
        }

        if (_v.Chance(30))
        {
            var row = Pick();
            var label = row?.Label ?? "missing";
            parts.Disconnect = [p => p.Label == label];
            text.Add("disconnect " + label);
            if (row is null || row.Item != item || item is null)
            {
                outcome.Database("P2025");
            }
            else
            {
                row.Item = null;
            }
        }

        if (_v.Chance(30))
        {
            var row = Pick();
            var label = row?.Label ?? "missing";
            parts.Delete = [p => p.Label == label];
            text.Add("delete " + label);
            if (row is null || row.Item != item || item is null)
            {
                outcome.Database("P2025");
            }
            else
            {
                next.Parts.Remove(row);
            }
        }

        if (_v.Chance(40))
        {
            var row = Pick();
            var label = row?.Label ?? "missing";
            var op = _v.IntOp();
            parts.Update = [new() { Where = p => p.Label == label, Data = new() { Weight = op } }];
            text.Add($"update {label}: Weight {Show(op)}");
            if (row is null || row.Item != item || item is null)
            {
                outcome.Database("P2025");
            }
            else
            {
                row.Weight = FuzzArithmetic.Integral(row.Weight, op, long.MinValue, long.MaxValue, outcome);
            }
        }

        if (_v.Chance(50))
        {
            parts.Create = [NewPart(next, item, outcome)];
            text.Add("create " + parts.Create[0].Label);
        }

        data.Parts = parts;
        return " parts{" + string.Join("; ", text) + "}";
    }
}
