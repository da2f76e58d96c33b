using System.Buffers;
using System.Runtime.InteropServices;

namespace Linq.Querying.Relations;

/// <summary>
/// Where each parent's rows are in a <see cref="LoadStrategy.Query"/> level: the rows of one parent are made one run of
/// consecutive rows, so a parent's collection is a copy of its run, without a list per parent while stitching.
/// </summary>
/// <remarks>
/// The level is ordered by the include's order only, not by the parent key first (see <see cref="FollowUpPlanner"/>), so
/// a parent's rows may be spread over the level; when they are, the rows are regrouped in two passes (a counting sort
/// by parent key), each group keeping the level's order.
/// </remarks>
internal static class ParentRuns
{
    /// <summary>
    /// The start and length of each key's run in <paramref name="rows"/>. Should a key's rows not be consecutive,
    /// <paramref name="rows"/> is regrouped in place by key, in the order the keys first appear, each group
    /// keeping its rows' order. <paramref name="capacity"/> is the number of keys expected (the parents), so the map is
    /// not grown key by key.
    /// </summary>
    /// <remarks>Typed by the key so an <c>int</c> or <c>Guid</c> key is neither boxed per row nor compared through <see cref="object.Equals(object)"/>.</remarks>
    public static Dictionary<TKey, (int Start, int Count)> Find<TKey>(List<object> rows, Func<object, TKey> keyOf, int capacity = 0)
        where TKey : notnull
    {
        var runs = new Dictionary<TKey, (int Start, int Count)>(Math.Min(capacity, rows.Count));
        var comparer = EqualityComparer<TKey>.Default;
        TKey current = default!;
        var start = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var key = keyOf(rows[i]);
            if (start >= 0 && comparer.Equals(key, current))
            {
                continue;
            }

            if (start >= 0 && !runs.TryAdd(current, (start, i - start)))
            {
                return Regrouped(rows, keyOf, runs);
            }

            (current, start) = (key, i);
        }

        if (start >= 0 && !runs.TryAdd(current, (start, rows.Count - start)))
        {
            return Regrouped(rows, keyOf, runs);
        }

        return runs;
    }

    // A counting sort: each row's group (its key's index in order of first appearance) and the groups' sizes, then every
    // row placed at its group's next free position. The map of the failed first pass is reused (cleared, its capacity kept).
    private static Dictionary<TKey, (int Start, int Count)> Regrouped<TKey>(List<object> rows, Func<object, TKey> keyOf, Dictionary<TKey, (int Start, int Count)> runs)
        where TKey : notnull
    {
        runs.Clear();
        var count = rows.Count;
        var source = CollectionsMarshal.AsSpan(rows);
        var groupOf = ArrayPool<int>.Shared.Rent(count);
        var next = ArrayPool<int>.Shared.Rent(count);
        try
        {
            // First pass: the run's Start holds the group's index until the sizes are known.
            for (var i = 0; i < count; i++)
            {
                ref var run = ref CollectionsMarshal.GetValueRefOrAddDefault(runs, keyOf(source[i]), out var exists);
                if (!exists)
                {
                    run.Start = runs.Count - 1;
                }

                run.Count++;
                groupOf[i] = run.Start;
            }

            var start = 0;
            foreach (var key in runs.Keys)
            {
                ref var run = ref CollectionsMarshal.GetValueRefOrNullRef(runs, key);
                next[run.Start] = start;
                run.Start = start;
                start += run.Count;
            }

            // Regrouped in place, from a pooled copy of the rows.
            var copy = ArrayPool<object>.Shared.Rent(count);
            source.CopyTo(copy);
            for (var i = 0; i < count; i++)
            {
                source[next[groupOf[i]]++] = copy[i];
            }

            ArrayPool<object>.Shared.Return(copy, clearArray: true);
            return runs;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(groupOf);
            ArrayPool<int>.Shared.Return(next);
        }
    }
}
