using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>Operations on owners: create (with items and parts nested two levels), createMany, update, upsert, delete.</summary>
public sealed partial class WriteFuzzer
{
    // A new owner row in the expected state; its name may be taken already (the create must then fail with P2002).
    private OwnerRow NewOwner(FuzzState next, FuzzOutcome outcome, out decimal budget)
    {
        budget = _v.Decimal();
        var owner = new OwnerRow { Name = _v.OwnerName(), Kind = _v.Mood(), Budget = ExactNumber.From(budget), Note = _v.Note(), CreatedAt = _v.Time() };
        if (next.Owner(owner.Name) is not null)
        {
            outcome.Database("P2002");
        }

        next.Owners.Add(owner);
        return owner;
    }

    private FuzzStep CreateOwner(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var owner = NewOwner(next, outcome, out var budget);
        var items = Enumerable.Range(0, _v.Random.Next(4)).Select(_ => NewItem(next, owner, outcome, parts: true)).ToList();
        var input = new FuzzOwnerCreateInput
        {
            Name = owner.Name, Kind = owner.Kind, Budget = budget, Note = owner.Note, CreatedAt = owner.CreatedAt,
            Items = items.Count > 0 || _v.Chance(20) ? new() { Create = items } : null,
        };
        return new($"create owner {owner.Name} with {items.Count} items ({items.Sum(i => i.Parts?.Create?.Count ?? 0)} parts)", async db =>
        {
            var row = await db.FuzzOwners.CreateAsync(input);
            return row.Name == owner.Name && row.Budget == budget && row.CreatedAt == owner.CreatedAt ? null : $"returned {row.Name} {row.Budget} {row.CreatedAt:O}";
        }, outcome, next);
    }

    // A new item under owner (added to next), as a nested create input, with 0-2 parts when asked.
    private FuzzItemCreateWithoutOwnerInput NewItem(FuzzState next, OwnerRow owner, FuzzOutcome outcome, bool parts)
    {
        var price = _v.Price();
        FuzzArithmetic.CheckPrice(price, outcome);
        var amount = _v.Decimal();
        var item = new ItemRow
        {
            Owner = owner, Code = _v.Code(), Amount = ExactNumber.From(amount), Price = ExactNumber.From(price), Qty = _v.Int(), Feeling = _v.MaybeMood(),
            Note = _v.Note(), DueAt = _v.MaybeTime(),
        };
        if (next.Item(owner.Name, item.Code) is not null)
        {
            outcome.Database("P2002");
        }

        next.Items.Add(item);
        var children = parts ? Enumerable.Range(0, _v.Random.Next(3)).Select(_ => NewPart(next, item, outcome)).ToList() : [];
        return new FuzzItemCreateWithoutOwnerInput
        {
            Code = item.Code, Amount = amount, Price = price, Qty = item.Qty, Feeling = item.Feeling, Note = item.Note, DueAt = item.DueAt,
            Parts = children.Count > 0 ? new() { Create = children } : null,
        };
    }

    private FuzzPartCreateWithoutItemInput NewPart(FuzzState next, ItemRow? item, FuzzOutcome outcome)
    {
        var part = new PartRow { Label = _v.Label(), Item = item, Weight = _v.Long() };
        if (next.Part(part.Label) is not null)
        {
            outcome.Database("P2002");
        }

        next.Parts.Add(part);
        return new FuzzPartCreateWithoutItemInput { Label = part.Label, Weight = part.Weight };
    }

    private FuzzStep CreateManyOwners(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var skip = _v.Chance(50);
        var inputs = new List<FuzzOwnerCreateInput>();
        var added = 0;
        for (var i = 0; i < 1 + _v.Random.Next(3); i++)
        {
            var budget = _v.Decimal();
            var owner = new OwnerRow { Name = _v.OwnerName(), Kind = _v.Mood(), Budget = ExactNumber.From(budget), Note = _v.Note(), CreatedAt = _v.Time() };
            inputs.Add(new() { Name = owner.Name, Kind = owner.Kind, Budget = budget, Note = owner.Note, CreatedAt = owner.CreatedAt });
            if (next.Owner(owner.Name) is not null)
            {
                if (!skip)
                {
                    outcome.Database("P2002");
                }

                continue;
            }

            next.Owners.Add(owner);
            added++;
        }

        var returning = _v.Chance(40);
        return new($"createMany {inputs.Count} owners [{string.Join(",", inputs.Select(i => i.Name))}] skipDuplicates={skip} returning={returning}", async db =>
        {
            var count = returning ? (await db.FuzzOwners.CreateManyAndReturnAsync(inputs, skip)).Count : await db.FuzzOwners.CreateManyAsync(inputs, skip);
            return count == added ? null : $"returned count {count}, expected {added}";
        }, outcome, next);
    }

    // An owner to write: mostly an existing one (by name or id), sometimes a missing one.
    private (OwnerRow? Row, Expression<Func<FuzzOwner, bool>> Where, string Text) OwnerTarget(FuzzState next, FuzzOutcome outcome)
    {
        var row = next.Owners.Count > 0 && _v.Chance(88) ? _v.Pick(next.Owners) : null;
        if (row is null)
        {
            outcome.Database("P2025");
            if (_v.Chance(50))
            {
                var missing = "missing-" + _v.Random.Next(3);
                return (null, o => o.Name == missing, "name " + missing);
            }

            var id = MissingId();
            return (null, o => o.Id == id, "id " + id);
        }

        if (row.Id is { } known && _v.Chance(50))
        {
            return (row, o => o.Id == known, "id " + known);
        }

        var name = row.Name;
        return (row, o => o.Name == name, "name " + name);
    }

    // Fills an owner update with a random subset of its columns, applied to row (when there is one).
    private string OwnerData(FuzzState next, OwnerRow? row, FuzzOwnerUpdateInput data, FuzzOutcome outcome)
    {
        var text = new List<string>();
        if (_v.Chance(20))
        {
            var name = _v.OwnerName();
            data.Name = name;
            text.Add("Name=" + name);
            if (row is not null && name != row.Name && next.Owner(name) is not null)
            {
                outcome.Database("P2002");
            }

            row?.Name = name;
        }

        if (_v.Chance(30))
        {
            var kind = _v.Mood();
            data.Kind = kind;
            text.Add("Kind=" + kind);
            row?.Kind = kind;
        }

        if (_v.Chance(50))
        {
            if (_v.Chance(25))
            {
                var budget = _v.Decimal();
                data.Budget = budget;
                text.Add("Budget=" + budget);
                row?.Budget = ExactNumber.From(budget);
            }
            else
            {
                var op = _v.DecimalOpFor(row is null ? [] : [row.Budget]);

                data.Budget = op;
                text.Add("Budget " + Show(op));
                row?.Budget = FuzzArithmetic.Unbounded(row.Budget, op, outcome);
            }
        }

        if (_v.Chance(30))
        {
            var note = _v.Note();
            data.Note = note;
            text.Add("Note=" + (note ?? "null"));
            row?.Note = note;
        }

        if (_v.Chance(15))
        {
            var at = _v.Time();
            data.CreatedAt = at;
            text.Add("CreatedAt");
            row?.CreatedAt = at;
        }

        return string.Join(" ", text);
    }

    private FuzzStep UpdateOwner(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var (row, where, target) = OwnerTarget(next, outcome);
        var data = new FuzzOwnerUpdateInput();
        var text = OwnerData(next, row, data, outcome);
        return new($"update owner {target}: {text}", async db =>
        {
            var updated = await db.FuzzOwners.UpdateAsync(where, data);
            return SameOwner(updated, row);
        }, outcome, next);
    }

    private static string? SameOwner(FuzzOwner returned, OwnerRow? expected) =>
        expected is null || (returned.Name == expected.Name && returned.Kind == expected.Kind && ExactNumber.From(returned.Budget) == expected.Budget
            && returned.Note == expected.Note && returned.CreatedAt == expected.CreatedAt)
            ? null
            : $"returned {returned.Name} {returned.Kind} {returned.Budget} {returned.Note} {returned.CreatedAt:O}, expected {expected}";

    private FuzzStep UpsertOwner(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var name = _v.OwnerName();
        var budget = _v.Decimal();
        var create = new FuzzOwnerCreateInput { Name = name, Kind = _v.Mood(), Budget = budget, Note = _v.Note(), CreatedAt = _v.Time() };
        var row = next.Owner(name);
        var update = new FuzzOwnerUpdateInput();
        string text;
        if (row is null)
        {
            row = new OwnerRow { Name = name, Kind = create.Kind, Budget = ExactNumber.From(budget), Note = create.Note, CreatedAt = create.CreatedAt };
            next.Owners.Add(row);
            // The update half is still written (and checked) though it does not apply: its values must not matter.
            text = "creates; update " + OwnerData(next.Clone(), null, update, new FuzzOutcome());
        }
        else
        {
            text = "updates: " + OwnerData(next, row, update, outcome);
        }

        return new($"upsert owner {name} {text}", async db =>
        {
            var returned = await db.FuzzOwners.UpsertAsync(o => o.Name == name, create, update);
            return SameOwner(returned, row);
        }, outcome, next);
    }

    private FuzzStep DeleteOwner(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var (row, where, target) = OwnerTarget(next, outcome);
        if (row is not null)
        {
            // Items are a required relation (ON DELETE RESTRICT): an owner with items cannot go.
            if (next.Items.Any(i => i.Owner == row))
            {
                outcome.Database("P2003");
            }

            next.Owners.Remove(row);
        }

        return new($"delete owner {target}", async db =>
        {
            var deleted = await db.FuzzOwners.DeleteAsync(where);
            return row is null || deleted.Name == row.Name ? null : $"returned {deleted.Name}";
        }, outcome, next);
    }

    private FuzzStep DeleteManyOwners(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var kind = _v.Mood();
        var gone = next.Owners.Where(o => o.Kind == kind).ToList();
        if (gone.Any(o => next.Items.Any(i => i.Owner == o)))
        {
            outcome.Database("P2003");
        }

        next.Owners.RemoveAll(gone.Contains);
        return new($"deleteMany owners Kind={kind}", async db =>
        {
            var count = await db.FuzzOwners.DeleteManyAsync(o => o.Kind == kind);
            return count == gone.Count ? null : $"returned count {count}, expected {gone.Count}";
        }, outcome, next);
    }

    private FuzzStep UpdateManyOwners(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var kind = _v.Mood();
        var rows = next.Owners.Where(o => o.Kind == kind).ToList();
        var op = _v.DecimalOpFor([.. rows.Select(o => o.Budget)]);

        var note = _v.Note();
        var setNote = _v.Chance(50);
        foreach (var o in rows)
        {
            o.Budget = FuzzArithmetic.Unbounded(o.Budget, op, outcome);
            if (setNote)
            {
                o.Note = note;
            }
        }

        var data = new FuzzOwnerUpdateInput { Budget = op };
        if (setNote)
        {
            data.Note = note;
        }

        return new($"updateMany owners Kind={kind}: Budget {Show(op)}{(setNote ? " Note=" + note : "")}", async db =>
        {
            var count = await db.FuzzOwners.UpdateManyAsync(o => o.Kind == kind, data);
            return count == rows.Count ? null : $"returned count {count}, expected {rows.Count}";
        }, outcome, next);
    }
}
