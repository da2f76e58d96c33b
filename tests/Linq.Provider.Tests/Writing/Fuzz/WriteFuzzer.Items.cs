using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>Operations on items and parts through their own tables: create, update (by id or the composite key), updateMany, delete.</summary>
public sealed partial class WriteFuzzer
{
    private FuzzStep CreateItem(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var owner = next.Owners.Count > 0 && _v.Chance(85) ? _v.Pick(next.Owners) : null;
        int ownerId;
        if (owner?.Id is { } id)
        {
            ownerId = id;
        }
        else
        {
            // A required relation to a row that does not exist.
            ownerId = MissingId();
            owner = new OwnerRow { Name = "?", CreatedAt = default };
            outcome.Database("P2003");
        }

        var nested = NewItem(next, owner, outcome, parts: _v.Chance(50));
        var input = new FuzzItemCreateInput
        {
            OwnerId = ownerId, Code = nested.Code, Amount = nested.Amount, Price = nested.Price, Qty = nested.Qty, Feeling = nested.Feeling, Note = nested.Note,
            DueAt = nested.DueAt, Parts = nested.Parts,
        };
        return new($"create item {owner.Name}/{input.Code} owner id {ownerId} with {input.Parts?.Create?.Count ?? 0} parts, price {input.Price}", async db =>
        {
            var row = await db.FuzzItems.CreateAsync(input);
            return row.Code == input.Code && row.Price == input.Price && row.Amount == input.Amount ? null : $"returned {row.Code} {row.Price} {row.Amount}";
        }, outcome, next);
    }

    // An item to write: by id, or by the composite key (owner id, code); sometimes a missing one.
    private (ItemRow? Row, Expression<Func<FuzzItem, bool>> Where, string Text) ItemTarget(FuzzState next, IReadOnlyList<ItemRow> candidates, int percent, FuzzOutcome outcome)
    {
        var row = candidates.Count > 0 && _v.Chance(percent) ? _v.Pick(candidates) : null;
        if (row is null)
        {
            outcome.Database("P2025");
            var id = MissingId();
            return (null, i => i.Id == id, "id " + id);
        }

        if (row.Owner.Id is { } ownerId && _v.Chance(50))
        {
            var code = row.Code;
            return (row, i => i.OwnerId == ownerId && i.Code == code, $"key ({ownerId}, {code})");
        }

        if (row.Id is { } known)
        {
            return (row, i => i.Id == known, "id " + known);
        }

        // Not known yet (made earlier in this transaction): its owner's id is not known either, so by a missing id.
        outcome.Database("P2025");
        var missing = MissingId();
        return (null, i => i.Id == missing, "id " + missing);
    }

    // Fills an item update with a random subset of its columns, applied to row (when there is one).
    private string ItemData(FuzzState next, ItemRow? row, FuzzItemUpdateInput data, FuzzOutcome outcome, bool owner)
    {
        var text = new List<string>();
        if (_v.Chance(15))
        {
            var code = _v.Code();
            data.Code = code;
            text.Add("Code=" + code);
            if (row is not null && code != row.Code && next.Item(row.Owner.Name, code) is not null)
            {
                outcome.Database("P2002");
            }

            row?.Code = code;
        }

        if (owner && _v.Chance(10) && next.Owners.Count > 0 && _v.Pick(next.Owners) is { Id: { } ownerId } to)
        {
            data.OwnerId = ownerId;
            text.Add("OwnerId=" + ownerId);
            if (row is not null && to != row.Owner && next.Item(to.Name, row.Code) is not null)
            {
                outcome.Database("P2002");
            }

            row?.Owner = to;
        }

        if (_v.Chance(40))
        {
            var op = _v.DecimalOpFor(row is null ? [] : [row.Amount]);

            data.Amount = op;
            text.Add("Amount " + Show(op));
            row?.Amount = FuzzArithmetic.Unbounded(row.Amount, op, outcome);
        }

        if (_v.Chance(40))
        {
            if (_v.Chance(30))
            {
                var price = _v.Price();
                FuzzArithmetic.CheckPrice(price, outcome);
                data.Price = price;
                text.Add("Price=" + price);
                row?.Price = ExactNumber.From(price);
            }
            else
            {
                var op = _v.PriceOp();
                data.Price = op;
                text.Add("Price " + Show(op));
                if (row is null)
                {
                    // Refused before any SQL whatever the row.
                    var probe = new FuzzOutcome();
                    FuzzArithmetic.Price(ExactNumber.From(0), op, probe);
                    if (probe.Fails)
                    {
                        outcome.BeforeSql("P2020");
                    }
                }
                else
                {
                    row.Price = FuzzArithmetic.Price(row.Price, op, outcome);
                }
            }
        }

        if (_v.Chance(40))
        {
            if (_v.Chance(30))
            {
                var qty = _v.Int();
                data.Qty = qty;
                text.Add("Qty=" + qty);
                row?.Qty = qty;
            }
            else
            {
                var op = _v.IntOp();
                data.Qty = op;
                text.Add("Qty " + Show(op));
                row?.Qty = (int)FuzzArithmetic.Integral(row.Qty, op, int.MinValue, int.MaxValue, outcome);
            }
        }

        if (_v.Chance(25))
        {
            var feeling = _v.MaybeMood();
            data.Feeling = feeling;
            text.Add("Feeling=" + (feeling?.ToString() ?? "null"));
            row?.Feeling = feeling;
        }

        if (_v.Chance(25))
        {
            var note = _v.Note();
            data.Note = note;
            text.Add("Note=" + (note ?? "null"));
            row?.Note = note;
        }

        if (_v.Chance(20))
        {
            var due = _v.MaybeTime();
            data.DueAt = due;
            text.Add("DueAt=" + (due?.ToString("O") ?? "null"));
            row?.DueAt = due;
        }

        return string.Join(" ", text);
    }

    private FuzzStep UpdateItem(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var (row, where, target) = ItemTarget(next, next.Items, 90, outcome);
        var data = new FuzzItemUpdateInput();
        var text = ItemData(next, row, data, outcome, owner: true);
        return new($"update item {target}: {text}", async db =>
        {
            var updated = await db.FuzzItems.UpdateAsync(where, data);
            return SameItem(updated, row);
        }, outcome, next);
    }

    private static string? SameItem(FuzzItem returned, ItemRow? expected) =>
        expected is null || (returned.Code == expected.Code && ExactNumber.From(returned.Amount) == expected.Amount
            && ExactNumber.From(returned.Price) == expected.Price && returned.Qty == expected.Qty && returned.Feeling == expected.Feeling
            && returned.Note == expected.Note && returned.DueAt == expected.DueAt)
            ? null
            : $"returned {returned.Code} {returned.Amount} {returned.Price} {returned.Qty} {returned.Feeling} {returned.Note} {returned.DueAt:O}, expected {expected}";

    private FuzzStep UpdateManyItems(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var below = _v.Int();
        var rows = next.Items.Where(i => i.Qty < below).ToList();
        var op = _v.IntOp();
        var amount = _v.DecimalOpFor([.. rows.Select(i => i.Amount)]);

        foreach (var i in rows)
        {
            i.Qty = (int)FuzzArithmetic.Integral(i.Qty, op, int.MinValue, int.MaxValue, outcome);
            i.Amount = FuzzArithmetic.Unbounded(i.Amount, amount, outcome);
        }

        return new($"updateMany items Qty<{below}: Qty {Show(op)} Amount {Show(amount)}", async db =>
        {
            var count = await db.FuzzItems.UpdateManyAsync(i => i.Qty < below, new() { Qty = op, Amount = amount });
            return count == rows.Count ? null : $"returned count {count}, expected {rows.Count}";
        }, outcome, next);
    }

    private FuzzStep DeleteItem(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var (row, where, target) = ItemTarget(next, next.Items, 85, outcome);
        if (row is not null)
        {
            RemoveItem(next, row);
        }

        return new($"delete item {target}", async db =>
        {
            var deleted = await db.FuzzItems.DeleteAsync(where);
            return row is null || deleted.Code == row.Code ? null : $"returned {deleted.Code}";
        }, outcome, next);
    }

    // Parts are an optional relation: ON DELETE SET NULL.
    private static void RemoveItem(FuzzState next, ItemRow row)
    {
        next.Items.Remove(row);
        foreach (var p in next.Parts.Where(p => p.Item == row))
        {
            p.Item = null;
        }
    }

    private FuzzStep CreatePart(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var item = next.Items.Count > 0 && _v.Chance(70) ? _v.Pick(next.Items) : null;
        int? itemId = item?.Id;
        if (item is not null && itemId is null)
        {
            item = null;
        }

        if (item is null && _v.Chance(30))
        {
            itemId = MissingId();
            outcome.Database("P2003");
        }

        var nested = NewPart(next, item, outcome);
        var input = new FuzzPartCreateInput { Label = nested.Label, Weight = nested.Weight, ItemId = itemId };
        return new($"create part {input.Label} item id {itemId?.ToString() ?? "null"}", async db =>
        {
            var row = await db.FuzzParts.CreateAsync(input);
            return row.Label == input.Label && row.ItemId == itemId ? null : $"returned {row.Label} {row.ItemId}";
        }, outcome, next);
    }

    private FuzzStep UpdatePart(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var row = next.Parts.Count > 0 && _v.Chance(90) ? _v.Pick(next.Parts) : null;
        var label = row?.Label ?? "missing";
        if (row is null)
        {
            outcome.Database("P2025");
        }

        var data = new FuzzPartUpdateInput();
        var text = "";
        if (_v.Chance(60))
        {
            var op = _v.IntOp();
            data.Weight = op;
            text += " Weight " + Show(op);
            row?.Weight = FuzzArithmetic.Integral(row.Weight, op, long.MinValue, long.MaxValue, outcome);
        }

        if (_v.Chance(40))
        {
            var item = next.Items.Count > 0 && _v.Chance(70) ? _v.Pick(next.Items) : null;
            var itemId = item?.Id;
            if (item is not null && itemId is null)
            {
                item = null;
            }

            if (item is null && _v.Chance(30))
            {
                itemId = MissingId();
                outcome.Database("P2003");
            }

            data.ItemId = itemId;
            text += " ItemId=" + (itemId?.ToString() ?? "null");
            row?.Item = item;
        }

        return new($"update part {label}:{text}", async db =>
        {
            var updated = await db.FuzzParts.UpdateAsync(p => p.Label == label, data);
            return row is null || updated.Weight == row.Weight ? null : $"returned weight {updated.Weight}, expected {row.Weight}";
        }, outcome, next);
    }

    private FuzzStep DeleteManyParts(FuzzState state)
    {
        var next = state.Clone();
        var gone = next.Parts.Where(p => p.Item is null).ToList();
        next.Parts.RemoveAll(gone.Contains);
        return new("deleteMany parts without item", async db =>
        {
            var count = await db.FuzzParts.DeleteManyAsync(p => p.ItemId == null);
            return count == gone.Count ? null : $"returned count {count}, expected {gone.Count}";
        }, new FuzzOutcome(), next);
    }
}
