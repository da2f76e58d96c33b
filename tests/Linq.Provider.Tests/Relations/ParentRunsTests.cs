using Linq.Querying.Relations;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// How a <see cref="LoadStrategy.Query"/> level finds each parent's rows (<see cref="ParentRuns"/>): runs of consecutive
/// keys as the level may deliver them, and, when a key's rows are spread over the level (it is ordered by the include's order, not the parent key), the rows regrouped by key with
/// nothing lost or reordered within a parent. Compared with LINQ-to-Objects' GroupBy over the same rows.
/// </summary>
public sealed class ParentRunsTests
{
    public static TheoryData<int[]> KeyOrders => new()
    {
        Array.Empty<int>(),
        new[] { 7 },
        new[] { 1, 1, 2, 3, 3, 3 },
        new[] { 3, 3, 1, 2, 2 },
        // A key in two runs: regrouped.
        new[] { 1, 2, 1, 3, 2, 2 },
        new[] { 5, 5, 4, 5 },
        // The level in its own order (not the parent key's): keys interleaved throughout, the repeat found late or at the end.
        new[] { 3, 1, 2, 1, 3, 2, 2, 4, 1 },
        new[] { 1, 2, 3, 4, 5, 6, 7, 8, 1 },
        new[] { 2, 1, 2, 1, 2, 1, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(KeyOrders))]
    public void Each_key_gets_its_rows_in_order(int[] keys)
    {
        List<object> rows = [.. keys.Select((key, i) => (object)(Key: key, Row: i))];
        var runs = ParentRuns.Find(rows, row => ((ValueTuple<int, int>)row).Item1);

        var expected = keys.Select((key, i) => (Key: key, Row: i)).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Row).ToList());
        Assert.Equal(expected.Keys.Order(), runs.Keys.Order());
        foreach (var (key, (start, count)) in runs)
        {
            Assert.Equal(expected[key], rows.Skip(start).Take(count).Select(r => ((ValueTuple<int, int>)r).Item2).ToList());
        }

        Assert.Equal(keys.Length, rows.Count);
    }
}
