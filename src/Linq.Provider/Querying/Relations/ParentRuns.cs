namespace Linq.Querying.Relations;

/// <summary>
/// Where each parent's rows are in a <see cref="LoadStrategy.Query"/> level: the level is ordered by the parent key
/// first, so they are one run of consecutive rows, found in one pass without a list per parent.
/// </summary>
internal static class ParentRuns
{
    /// <summary>
    /// The start and length of each key's run in <paramref name="rows"/>. Should a key come back in two runs (a collation
    /// that sorts keys .NET calls equal apart), <paramref name="rows"/> is replaced by the rows regrouped by key, in the
    /// order their keys first appear, each group keeping its rows' order. <paramref name="capacity"/> is the number of
    /// keys expected (the parents), so the map is not grown key by key.
    /// </summary>
    /// <remarks>Typed by the key so an <c>int</c> or <c>Guid</c> key is neither boxed per row nor compared through <see cref="object.Equals(object)"/>.</remarks>
    public static Dictionary<TKey, (int Start, int Count)> Find<TKey>(ref List<object> rows, Func<object, TKey> keyOf, int capacity = 0)
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
                return Regrouped(ref rows, keyOf);
            }

            (current, start) = (key, i);
        }

        if (start >= 0 && !runs.TryAdd(current, (start, rows.Count - start)))
        {
            return Regrouped(ref rows, keyOf);
        }

        return runs;
    }

    private static Dictionary<TKey, (int Start, int Count)> Regrouped<TKey>(ref List<object> rows, Func<object, TKey> keyOf)
        where TKey : notnull
    {
        var groups = new Dictionary<TKey, List<object>>();
        var order = new List<TKey>();
        foreach (var row in rows)
        {
            var key = keyOf(row);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }

            group.Add(row);
        }

        var regrouped = new List<object>(rows.Count);
        var runs = new Dictionary<TKey, (int Start, int Count)>(groups.Count);
        foreach (var key in order)
        {
            var group = groups[key];
            runs[key] = (regrouped.Count, group.Count);
            regrouped.AddRange(group);
        }

        rows = regrouped;
        return runs;
    }
}
