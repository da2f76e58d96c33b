using System.Runtime.CompilerServices;
using Linq.Execution;
using Linq.Querying.Filters;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;
using Npgsql;

namespace Linq.Writing.Nested;

/// <summary>
/// Rendered statements of an update's nested updateMany and deleteMany, kept with the <see cref="CompiledFilter"/> they
/// embed (so dropped with its plan) by <see cref="WriteShape"/> (the operation, the relation, the fields set and how, the
/// parent's key columns). The text's parameters are the shape's values and the filter's placeholders interleaved (the SET
/// list, then the filter, then the parent's key): a hit binds each from its source without building or rendering a tree.
/// </summary>
/// <remarks>
/// A text is cached only when every rendered parameter is either the next recorded node of the shape (by reference, all
/// of them, in order) or a node of the filter's own tree (read from each call's values, or a constant of the plan).
/// </remarks>
internal static class NestedFilteredStepCache
{
    private static readonly ConditionalWeakTable<CompiledFilter, Store> Stores = new();

    /// <summary>How many shapes are known with <paramref name="filter"/> (tests).</summary>
    public static int Count(CompiledFilter filter) => Stores.TryGetValue(filter, out var store) ? store.Entries.Count : 0;

    /// <summary>The cached text for <paramref name="shape"/> with <paramref name="filter"/>, bound with the shape's values and <paramref name="filterValues"/>.</summary>
    public static bool TryBind(CompiledFilter filter, WriteShape shape, object?[] filterValues, out (string Sql, NpgsqlParameter[] Parameters) statement)
    {
        if (!Stores.TryGetValue(filter, out var store) || !store.Entries.TryGet(shape.Key, out var entry) || entry is null)
        {
            statement = default;
            return false;
        }

        var recorded = shape.Parameters;
        var parameters = new NpgsqlParameter[entry.Sources.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var (shapeIndex, node) = entry.Sources[i];
            parameters[i] = node is null ? recorded[shapeIndex].Bind(ParameterBinder.Instance, null) : node.Bind(ParameterBinder.Instance, filterValues);
        }

        statement = (entry.Text, parameters);
        return true;
    }

    /// <summary><paramref name="statement"/> (built by a full writer that recorded <paramref name="shape"/>) rendered and bound; its text remembered when reusable.</summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Render(CompiledFilter filter, WriteShape shape, SqlStatement statement, object?[] filterValues)
    {
        var rendered = PostgresRenderer.Render(statement);
        var store = Stores.GetValue(filter, static f => new Store(f));
        if (!store.Entries.TryGet(shape.Key, out _))
        {
            store.Entries.Remember(shape.Key, store.Reusable(rendered, shape.Parameters));
        }

        return (rendered.Text, ParameterBinder.Bind(rendered.Parameters, filterValues));
    }

    private sealed class Store(CompiledFilter filter)
    {
        private HashSet<SqlParameterExpression>? _filterNodes;

        public ShapeStore<Entry> Entries { get; } = new();

        public Entry? Reusable(RenderedSql rendered, List<SqlParameterExpression> recorded)
        {
            var filterNodes = Volatile.Read(ref _filterNodes);
            if (filterNodes is null)
            {
                filterNodes = new HashSet<SqlParameterExpression>(PostgresRenderer.Render(filter.Keys).Parameters, ReferenceEqualityComparer.Instance);
                Volatile.Write(ref _filterNodes, filterNodes);
            }

            var sources = new (int, SqlParameterExpression?)[rendered.Parameters.Count];
            var next = 0;
            for (var i = 0; i < sources.Length; i++)
            {
                var node = rendered.Parameters[i];
                if (next < recorded.Count && ReferenceEquals(node, recorded[next]))
                {
                    sources[i] = (next++, null);
                }
                else if (filterNodes.Contains(node))
                {
                    sources[i] = (-1, node);
                }
                else
                {
                    return null;
                }
            }

            return next == recorded.Count ? new Entry(rendered.Text, sources) : null;
        }
    }

    /// <summary>A cached text and, per <c>$n</c>, the shape's parameter index or the filter's node it is bound from.</summary>
    private sealed record Entry(string Text, (int ShapeIndex, SqlParameterExpression? FilterNode)[] Sources);
}
