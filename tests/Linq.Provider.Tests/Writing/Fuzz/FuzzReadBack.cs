using System.Text;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>
/// Reads the fuzzer's three tables with plain Npgsql (numbers as text, so nothing rounds on the way) and compares them
/// with the expected state exactly. Rows match by their unique keys; an id the state does not know yet (a row made by a
/// nested or many create) is learned here, a known one must not change.
/// </summary>
public static class FuzzReadBack
{
    private sealed record StoredOwner(int Id, string Name, string Kind, string Budget, string? Note, DateTime CreatedAt);

    private sealed record StoredItem(int Id, int OwnerId, string Code, string Amount, string Price, int Qty, string? Feeling, string? Note, DateTime? DueAt);

    private sealed record StoredPart(int Id, string Label, int? ItemId, long Weight);

    /// <summary>The differences, empty when the database holds exactly the state.</summary>
    public static async Task<string> CompareAsync(string connectionString, FuzzState state)
    {
        var owners = await PlainRows.ReadAsync(connectionString,
            "SELECT \"Id\", \"Name\", \"Kind\"::text AS k, \"Budget\"::text AS b, \"Note\", \"CreatedAt\" FROM \"FuzzOwner\"",
            r => new StoredOwner(r.Get<int>("Id"), r.Get<string>("Name"), r.Get<string>("k"), r.Get<string>("b"), r.Ref<string>("Note"), r.Get<DateTime>("CreatedAt")));
        var items = await PlainRows.ReadAsync(connectionString,
            "SELECT \"Id\", \"OwnerId\", \"Code\", \"Amount\"::text AS a, \"Price\"::text AS p, \"Qty\", \"Feeling\"::text AS f, \"Note\", \"DueAt\" FROM \"FuzzItem\"",
            r => new StoredItem(r.Get<int>("Id"), r.Get<int>("OwnerId"), r.Get<string>("Code"), r.Get<string>("a"), r.Get<string>("p"), r.Get<int>("Qty"),
                r.Ref<string>("f"), r.Ref<string>("Note"), r.Value<DateTime>("DueAt")));
        var parts = await PlainRows.ReadAsync(connectionString, "SELECT \"Id\", \"Label\", \"ItemId\", \"Weight\" FROM \"FuzzPart\"",
            r => new StoredPart(r.Get<int>("Id"), r.Get<string>("Label"), r.Value<int>("ItemId"), r.Get<long>("Weight")));

        var diff = new StringBuilder();
        var ownerNames = owners.ToDictionary(o => o.Id, o => o.Name);
        Match(diff, "owner", state.Owners, owners, o => o.Name, s => s.Name, (o, s) =>
        {
            o.Id ??= s.Id;
            return o.Id == s.Id && o.Kind.ToString() == s.Kind && o.Budget == ExactNumber.Parse(s.Budget) && o.Note == s.Note && o.CreatedAt == s.CreatedAt;
        }, s => s.ToString());
        Match(diff, "item", state.Items, items, i => i.Owner.Name + "/" + i.Code, s => ownerNames.GetValueOrDefault(s.OwnerId, "?" + s.OwnerId) + "/" + s.Code, (i, s) =>
        {
            i.Id ??= s.Id;
            return i.Id == s.Id && i.Amount == ExactNumber.Parse(s.Amount) && i.Price == ExactNumber.Parse(s.Price) && i.Qty == s.Qty
                && i.Feeling?.ToString() == s.Feeling && i.Note == s.Note && i.DueAt == s.DueAt;
        }, s => s.ToString());
        var itemKeys = items.ToDictionary(i => i.Id, i => ownerNames.GetValueOrDefault(i.OwnerId, "?") + "/" + i.Code);
        Match(diff, "part", state.Parts, parts, p => p.Label, s => s.Label, (p, s) =>
        {
            p.Id ??= s.Id;
            var item = s.ItemId is { } id ? itemKeys.GetValueOrDefault(id, "?" + id) : null;
            return p.Id == s.Id && p.Weight == s.Weight && item == (p.Item is null ? null : p.Item.Owner.Name + "/" + p.Item.Code);
        }, s => s.ToString());
        return diff.ToString();
    }

    private static void Match<TRow, TStored>(StringBuilder diff, string what, List<TRow> expected, List<TStored> stored, Func<TRow, string> key,
        Func<TStored, string> storedKey, Func<TRow, TStored, bool> equal, Func<TStored, string> show) where TRow : class
    {
        var byKey = new Dictionary<string, TStored>();
        foreach (var s in stored)
        {
            if (!byKey.TryAdd(storedKey(s), s))
            {
                diff.AppendLine($"{what} {storedKey(s)} stored twice");
            }
        }

        foreach (var row in expected)
        {
            if (!byKey.Remove(key(row), out var s))
            {
                diff.AppendLine($"{what} missing: {row}");
            }
            else if (!equal(row, s))
            {
                diff.AppendLine($"{what} differs: expected {row}, stored {show(s)}");
            }
        }

        foreach (var s in byKey.Values)
        {
            diff.AppendLine($"{what} unexpected: {show(s)}");
        }
    }
}
