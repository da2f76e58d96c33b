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
    /// order their keys first appear, each group keeping its rows' order.
    /// </summary>
    public static Dictionary<object, (int Start, int Count)> Find(ref List<object> rows, Func<object, object> keyOf)
    {
        var runs = new Dictionary<object, (int Start, int Count)>();
        object? current = null;
        var start = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var key = keyOf(rows[i]);
            if (current is not null && key.Equals(current))
            {
                continue;
            }

            if (current is not null && !runs.TryAdd(current, (start, i - start)))
            {
                return Regrouped(ref rows, keyOf);
            }

            (current, start) = (key, i);
        }

        if (current is not null && !runs.TryAdd(current, (start, rows.Count - start)))
        {
            return Regrouped(ref rows, keyOf);
        }

        return runs;
    }

    private static Dictionary<object, (int Start, int Count)> Regrouped(ref List<object> rows, Func<object, object> keyOf)
    {
        var groups = new Dictionary<object, List<object>>();
        var order = new List<object>();
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
        var runs = new Dictionary<object, (int Start, int Count)>(groups.Count);
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
