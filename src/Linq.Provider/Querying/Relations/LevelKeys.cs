using Linq.Contract;

namespace Linq.Querying.Relations;

/// <summary>
/// Matches a <see cref="LoadStrategy.Query"/> level's rows to their parents by key. For the key types a model's
/// generated typed getters cover (<see cref="ColumnMetadata.TypedGetter"/>: <c>int</c>, <c>long</c>, <c>short</c>,
/// <see cref="Guid"/>, <see cref="string"/>) the key is read and hashed as itself; any other key (and a many-to-many
/// row's key, read from the statement) goes through the boxed <see cref="ColumnMetadata.Getter"/>, with the same result.
/// </summary>
internal abstract class LevelKeys
{
    /// <summary>The keys of a level whose rows are the children themselves.</summary>
    public static LevelKeys For(ColumnMetadata ownerKey, ColumnMetadata childKey) =>
        Value<int>(ownerKey, childKey) ?? Value<long>(ownerKey, childKey) ?? Value<short>(ownerKey, childKey) ?? Value<Guid>(ownerKey, childKey)
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

    private sealed class Keyed<TKey>(OwnerKey<TKey> ownerKey, Func<object, TKey> childKey) : LevelKeys
        where TKey : notnull
    {
        public override void Find(List<object> parents, List<object> rows, Span<(int Start, int Count)> runs)
        {
            var map = ParentRuns.Find(rows, childKey, parents.Count);
            for (var i = 0; i < parents.Count; i++)
            {
                runs[i] = ownerKey(parents[i], out var key) && map.TryGetValue(key, out var run) ? run : (0, 0);
            }
        }
    }
}
