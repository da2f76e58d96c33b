using System.Collections.Concurrent;
using Linq.Sql.Syntax;

namespace Linq.Writing.Caching;

/// <summary>
/// The bounded store behind the write-statement caches: one entry per shape key, looked up by span (no string on a
/// hit). A null entry marks a shape that is always rendered; past <see cref="MaxShapes"/> new shapes are not stored.
/// </summary>
internal sealed class ShapeStore<TEntry>
    where TEntry : class
{
    // Enough for every shape a program writes; past it new shapes are rendered each time rather than growing the cache.
    private const int MaxShapes = 512;

    private readonly ConcurrentDictionary<string, TEntry?> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TEntry?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ShapeStore() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Whether the shape is known (<paramref name="entry"/> null: known as always rendered).</summary>
    public bool TryGet(ReadOnlySpan<char> key, out TEntry? entry) => _lookup.TryGetValue(key, out entry);

    /// <summary>Remembers a shape seen for the first time: its entry, or null when it must always be rendered.</summary>
    public void Remember(ReadOnlySpan<char> key, TEntry? entry)
    {
        if (_entries.Count < MaxShapes)
        {
            _entries.TryAdd(key.ToString(), entry);
        }
    }

    /// <summary>Forgets every shape (tests).</summary>
    public void Clear() => _entries.Clear();

    /// <summary>
    /// Whether the rendered statement's parameters are exactly the recorded nodes in the recorded order (by reference):
    /// only then can a hit bind recorded values to the cached text's holes.
    /// </summary>
    public static bool SameNodes<T>(IReadOnlyList<SqlParameterExpression> rendered, IReadOnlyList<T> recorded, Func<T, SqlParameterExpression> node)
    {
        if (rendered.Count != recorded.Count)
        {
            return false;
        }

        for (var i = 0; i < rendered.Count; i++)
        {
            if (!ReferenceEquals(rendered[i], node(recorded[i])))
            {
                return false;
            }
        }

        return true;
    }
}
