using Linq.Contract;
using Linq.Querying.Relations;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// How a <see cref="LoadStrategy.Query"/> level finds each parent's rows by an integer key (<see cref="LevelKeys"/>):
/// parents in or out of key order, rows grouped by key or spread over the level, with repeated and missing parent keys
/// and keys without parents. Compared with LINQ-to-Objects over the same rows.
/// </summary>
public sealed class LevelKeysTests
{
    public static TheoryData<int?[], int[]> Cases => new()
    {
        { [], [] },
        { [1, 2, 3], [] },
        { [1, 2, 3], [1, 1, 2, 3, 3, 3] },
        // Parents without rows, rows without parents, NULL keys, repeated keys next to each other.
        { [1, 3, 3, null, 5, 8], [0, 1, 1, 2, 3, 5, 5, 6, 9] },
        // Out of order: the rest by key.
        { [3, 1, 2, 3], [1, 2, 2, 3] },
        { [1, 4, 2, 4, null, 1], [1, 1, 2, 3, 4, 4] },
        { [5, 4, 3, 2, 1], [1, 2, 3, 3, 4, 5] },
        // Rows in the level's own order (not grouped by parent), with parents in or out of order.
        { [1, 2, 3], [3, 1, 2, 1, 3, 2, 2] },
        { [3, 1, null, 2, 3], [2, 9, 1, 3, 1, 2, 0, 3] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_parent_gets_the_rows_of_its_key(int?[] parentKeys, int[] rowKeys)
    {
        var owner = new ColumnMetadata(0, "Key", "key", typeof(int?), "integer", true) { TypedGetter = new Func<object, int?>(e => ((Parent)e).Key) };
        var child = new ColumnMetadata(0, "ParentKey", "parent_key", typeof(int), "integer", false) { TypedGetter = new Func<object, int>(e => ((Row)e).ParentKey) };
        var keys = LevelKeys.For(owner, child);
        List<object> parents = [.. parentKeys.Select(k => new Parent(k))];
        List<object> rows = [.. rowKeys.Select((k, i) => new Row(k, i))];
        var runs = new (int Start, int Count)[parents.Count];

        keys.Find(parents, rows, runs);

        for (var i = 0; i < parents.Count; i++)
        {
            var expected = rowKeys.Select((k, index) => (k, index)).Where(r => r.k == parentKeys[i]).Select(r => r.index);
            Assert.Equal(expected, rows.Skip(runs[i].Start).Take(runs[i].Count).Select(r => ((Row)r).Index));
        }
    }

    private sealed record Parent(int? Key);

    private sealed record Row(int ParentKey, int Index);
}
