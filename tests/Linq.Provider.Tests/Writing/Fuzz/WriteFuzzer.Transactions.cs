using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>Interactive transactions (several steps, then commit or a throw midway) and batch transactions.</summary>
public sealed partial class WriteFuzzer
{
    private sealed class FuzzAbort : Exception;

    private FuzzStep Interactive(FuzzState state)
    {
        // Steps the model expects to succeed, each drawn on the state the previous one leaves.
        var steps = new List<FuzzStep>();
        var current = state;
        for (var tries = 0; steps.Count < 1 + _v.Random.Next(3) && tries < 20; tries++)
        {
            var step = _v.Random.Next(6) switch
            {
                0 => CreateOwner(current),
                1 => UpdateOwner(current),
                2 => UpdateOwnerNested(current),
                3 => CreateItem(current),
                4 => UpdateItem(current),
                _ => UpdateManyItems(current),
            };
            if (!step.Outcome.Fails)
            {
                steps.Add(step);
                current = step.Next;
            }
        }

        // Throw after some of the steps (possibly all of them, possibly none), or commit.
        var throwAfter = _v.Chance(50) ? _v.Random.Next(steps.Count + 1) : -1;
        var next = throwAfter >= 0 ? state.Clone() : current.Clone();
        var names = string.Join(" / ", steps.Select(s => s.Name));
        return new($"interactive transaction [{names}] {(throwAfter >= 0 ? "throws after " + throwAfter : "commits")}", async db =>
        {
            try
            {
                return await db.TransactionAsync<TestDb, string?>(async tx =>
                {
                    for (var i = 0; i < steps.Count; i++)
                    {
                        if (i == throwAfter)
                        {
                            throw new FuzzAbort();
                        }

                        if (await steps[i].Run(tx) is { } complaint)
                        {
                            return $"step {i}: {complaint}";
                        }
                    }

                    return throwAfter == steps.Count ? throw new FuzzAbort() : null;
                });
            }
            catch (FuzzAbort) when (throwAfter >= 0)
            {
                return null;
            }
        }, new FuzzOutcome(), next);
    }

    private FuzzStep BatchTransaction(FuzzState state)
    {
        var next = state.Clone();
        var outcome = new FuzzOutcome();
        var owner = NewOwner(next, outcome, out var budget);
        var create = new FuzzOwnerCreateInput { Name = owner.Name, Kind = owner.Kind, Budget = budget, Note = owner.Note, CreatedAt = owner.CreatedAt };

        // Items run in order and see each other's writes.
        var below = _v.Int();
        var op = _v.IntOp();
        var changed = next.Items.Where(i => i.Qty < below).ToList();
        foreach (var i in changed)
        {
            i.Qty = (int)FuzzArithmetic.Integral(i.Qty, op, int.MinValue, int.MaxValue, outcome);
        }

        var gone = next.Parts.Where(p => p.Item is null).ToList();
        next.Parts.RemoveAll(gone.Contains);
        var name = owner.Name;
        return new($"batch transaction: create owner {name}, updateMany items Qty<{below} Qty {Show(op)}, deleteMany parts without item", async db =>
        {
            var (created, count, deleted) = await db.TransactionAsync(
                Batch.Create(db.FuzzOwners, create),
                Batch.UpdateMany(db.FuzzItems, i => i.Qty < below, new FuzzItemUpdateInput { Qty = op }),
                Batch.DeleteMany(db.FuzzParts, p => p.ItemId == null));
            return created.Name == name && count == changed.Count && deleted == gone.Count ? null : $"returned {created.Name}, {count}, {deleted}";
        }, outcome, next);
    }
}
