using Linq.Contract;

namespace Linq.Querying.Relations;

/// <summary>
/// Matches a <see cref="LoadStrategy.Query"/> level's rows to their parents by key. For the key types a model's
/// generated typed getters cover (<see cref="ColumnMetadata.TypedGetter"/>: <c>int</c>, <c>long</c>, <c>short</c>,
/// <see cref="Guid"/>, <see cref="string"/>) the key is read and hashed as itself; any other key (and a many-to-many
/// row's key, read from the statement) goes through the boxed <see cref="ColumnMetadata.Getter"/>, with the same result.
/// </summary>
/// <remarks>
/// A level is ordered by the include's order, not by the parent key (see <see cref="FollowUpPlanner"/>), yet often its
/// rows come in ascending parent key anyway (children inserted parent by parent, read in key order). An integer key
/// sorts the same in PostgreSQL and .NET, so when the rows' keys ascend and the parents come in ascending key order too,
/// their runs are found by merging the two sequences, without a map; otherwise (rows spread, or from the first parent
/// out of order) they are looked up by key.
/// </remarks>
internal abstract class LevelKeys
{
    /// <summary>The keys of a level whose rows are the children themselves.</summary>
    public static LevelKeys For(ColumnMetadata ownerKey, ColumnMetadata childKey) =>
        Integer<int>(ownerKey, childKey) ?? Integer<long>(ownerKey, childKey) ?? Integer<short>(ownerKey, childKey) ?? Value<Guid>(ownerKey, childKey)
        ?? Text(ownerKey, childKey) ?? new Keyed<object>(BoxedOwner(ownerKey), row => childKey.Getter!(row)!);

    /// <summary>The keys of a many-to-many level, whose <see cref="LinkedRow"/>s carry their parent's key.</summary>
    public static LevelKeys Linked(ColumnMetadata ownerKey) => new Keyed<object>(BoxedOwner(ownerKey), row => ((LinkedRow)row).Key);

    /// <summary>
    /// Writes to <paramref name="runs"/>[i] the start and length of the rows of <paramref name="parents"/>[i] in
    /// <paramref name="rows"/> (length 0: none); <paramref name="rows"/> may be regrouped in place by parent (see
    /// <see cref="ParentRuns.Find{TKey}"/>).
    /// </summary>
    public abstract void Find(List<object> parents, List<object> rows, Span<(int Start, int Count)> runs);

    private delegate bool OwnerKey<TKey>(object parent, out TKey key);

    private static OwnerKey<object> BoxedOwner(ColumnMetadata ownerKey) => (object parent, out object key) =>
    {
        key = ownerKey.Getter!(parent)!;
        return key is not null;
    };

    private static (OwnerKey<TKey> Owner, Func<object, TKey> Child)? Getters<TKey>(ColumnMetadata ownerKey, ColumnMetadata childKey)
        where TKey : struct
    {
        OwnerKey<TKey>? owner = ownerKey.TypedGetter switch
        {
            Func<object, TKey> get => (object parent, out TKey key) =>
            {
                key = get(parent);
                return true;
            },
            Func<object, TKey?> get => (object parent, out TKey key) =>
            {
                var value = get(parent);
                key = value.GetValueOrDefault();
                return value.HasValue;
            },
            _ => null,
        };
        Func<object, TKey>? child = childKey.TypedGetter switch
        {
            Func<object, TKey> get => get,
            // The level selects `fk = ANY(…)`, which no NULL satisfies.
            Func<object, TKey?> get => row => get(row) ?? throw new InvalidOperationException("A related row without a key was loaded."),
            _ => null,
        };
        return owner is null || child is null ? null : (owner, child);
    }

    private static LevelKeys? Value<TKey>(ColumnMetadata ownerKey, ColumnMetadata childKey)
        where TKey : struct =>
        Getters<TKey>(ownerKey, childKey) is var (owner, child) ? new Keyed<TKey>(owner, child) : null;

    private static LevelKeys? Integer<TKey>(ColumnMetadata ownerKey, ColumnMetadata childKey)
        where TKey : struct, IComparable<TKey> =>
        Getters<TKey>(ownerKey, childKey) is var (owner, child) ? new Ordered<TKey>(owner, child) : null;

    private static LevelKeys? Text(ColumnMetadata ownerKey, ColumnMetadata childKey)
    {
        if (ownerKey.TypedGetter is not Func<object, string?> owner || childKey.TypedGetter is not Func<object, string?> child)
        {
            return null;
        }

        return new Keyed<string>((object parent, out string key) =>
        {
            key = owner(parent)!;
            return key is not null;
        }, row => child(row) ?? throw new InvalidOperationException("A related row without a key was loaded."));
    }

    private class Keyed<TKey>(OwnerKey<TKey> ownerKey, Func<object, TKey> childKey) : LevelKeys
        where TKey : notnull
    {
        protected OwnerKey<TKey> OwnerKeyOf { get; } = ownerKey;

        protected Func<object, TKey> ChildKeyOf { get; } = childKey;

        public override void Find(List<object> parents, List<object> rows, Span<(int Start, int Count)> runs) =>
            FindByMap(parents, 0, rows, runs);

        protected void FindByMap(List<object> parents, int from, List<object> rows, Span<(int Start, int Count)> runs)
        {
            var map = ParentRuns.Find(rows, ChildKeyOf, parents.Count - from);
            for (var i = from; i < parents.Count; i++)
            {
                runs[i] = OwnerKeyOf(parents[i], out var key) && map.TryGetValue(key, out var run) ? run : (0, 0);
            }
        }
    }

    private sealed class Ordered<TKey>(OwnerKey<TKey> ownerKey, Func<object, TKey> childKey) : Keyed<TKey>(ownerKey, childKey)
        where TKey : struct, IComparable<TKey>
    {
        public override void Find(List<object> parents, List<object> rows, Span<(int Start, int Count)> runs)
        {
            var comparer = Comparer<TKey>.Default;
            var lastKey = rows.Count > 0 ? ChildKeyOf(rows[0]) : default;
            // Each row's key is read once here (the previous one is kept), not twice.
            for (var i = 1; i < rows.Count; i++)
            {
                var key = ChildKeyOf(rows[i]);
                if (comparer.Compare(lastKey, key) > 0)
                {
                    FindByMap(parents, 0, rows, runs);
                    return;
                }

                lastKey = key;
            }

            var row = 0;
            var hasPrevious = false;
            TKey previous = default;
            (int Start, int Count) previousRun = default;
            for (var i = 0; i < parents.Count; i++)
            {
                if (!OwnerKeyOf(parents[i], out var key))
                {
                    runs[i] = (0, 0);
                    continue;
                }

                if (hasPrevious)
                {
                    var order = comparer.Compare(key, previous);
                    if (order < 0)
                    {
                        // Parents out of key order: the rest are looked up by key.
                        FindByMap(parents, i, rows, runs);
                        return;
                    }

                    if (order == 0)
                    {
                        // The same parent key again (a to-one's shared foreign key): the same rows.
                        runs[i] = previousRun;
                        continue;
                    }
                }

                // Rows of keys below this parent's belong to no parent here (none, in one snapshot): skipped.
                while (row < rows.Count && comparer.Compare(ChildKeyOf(rows[row]), key) < 0)
                {
                    row++;
                }

                var start = row;
                while (row < rows.Count && comparer.Compare(ChildKeyOf(rows[row]), key) == 0)
                {
                    row++;
                }

                runs[i] = previousRun = (start, row - start);
                (previous, hasPrevious) = (key, true);
            }
        }
    }
}
