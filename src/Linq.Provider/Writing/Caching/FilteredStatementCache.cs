using Linq.Execution;
using Linq.Querying.Filters;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing.Caching;

/// <summary>
/// Rendered statements that embed one <see cref="CompiledFilter"/> (<c>UpdateManyAsync</c>, <c>DeleteManyAsync</c>, and
/// <c>UpdateAsync</c>, <c>DeleteAsync</c>, <c>UpsertAsync</c> by unique key on a client whose global filter it is), by
/// <see cref="WriteShape"/>: kept with the filter (so evicted with its plan), a repeated call of the same filter shape
/// and write shape builds no tree and renders nothing; it binds the shape's values (the set fields) and then this
/// call's filter values (a tenant id a global filter captured) to the cached text.
/// </summary>
/// <remarks>
/// A text is cached only when its parameters are exactly the shape's recorded nodes, in order, followed by nodes of
/// the filter's own tree (placeholders read from each call's values, or constants of the plan, the same for every
/// call). Any other node would hold a value of the call that rendered it; the shape is then always rendered.
/// </remarks>
internal sealed class FilteredStatementCache
{
    private readonly ShapeStore<Entry> _entries = new();
    private readonly CompiledFilter _filter;
    private HashSet<SqlParameterExpression>? _filterNodes;

    private FilteredStatementCache(CompiledFilter filter) => _filter = filter;

    /// <summary>The cache kept with <paramref name="filter"/> (null if the filter keeps something else, never in practice).</summary>
    public static FilteredStatementCache? Of(CompiledFilter filter) => filter.Attachment(static f => new FilteredStatementCache(f));

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached text for <paramref name="shape"/>, bound with the shape's values and then <paramref name="filterValues"/>, when cached.</summary>
    public bool TryBind(WriteShape shape, object?[] filterValues, out (string Sql, NpgsqlParameter[] Parameters) statement)
    {
        if (!_entries.TryGet(shape.Key, out var entry) || entry is null)
        {
            statement = default;
            return false;
        }

        var recorded = shape.Parameters;
        var parameters = new NpgsqlParameter[recorded.Count + entry.FilterNodes.Length];
        for (var i = 0; i < recorded.Count; i++)
        {
            parameters[i] = recorded[i].Bind(ParameterBinder.Instance, null);
        }

        for (var i = 0; i < entry.FilterNodes.Length; i++)
        {
            parameters[recorded.Count + i] = entry.FilterNodes[i].Bind(ParameterBinder.Instance, filterValues);
        }

        statement = (entry.Text, parameters);
        return true;
    }

    /// <summary>
    /// <paramref name="statement"/> (built by a full writer that recorded <paramref name="shape"/>) rendered and bound with
    /// <paramref name="filterValues"/>; its text remembered for the shape when it can be reused.
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Render(WriteShape shape, SqlStatement statement, object?[] filterValues)
    {
        var rendered = PostgresRenderer.Render(statement);
        var parameters = ParameterBinder.Bind(rendered.Parameters, filterValues);
        if (!_entries.TryGet(shape.Key, out _))
        {
            _entries.Remember(shape.Key, Reusable(rendered, shape.Parameters));
        }

        return (rendered.Text, parameters);
    }

    private Entry? Reusable(RenderedSql rendered, List<SqlParameterExpression> recorded)
    {
        if (rendered.Parameters.Count < recorded.Count)
        {
            return null;
        }

        for (var i = 0; i < recorded.Count; i++)
        {
            if (!ReferenceEquals(rendered.Parameters[i], recorded[i]))
            {
                return null;
            }
        }

        var filterNodes = FilterNodes();
        var rest = new SqlParameterExpression[rendered.Parameters.Count - recorded.Count];
        for (var i = 0; i < rest.Length; i++)
        {
            rest[i] = rendered.Parameters[recorded.Count + i];
            if (!filterNodes.Contains(rest[i]))
            {
                return null;
            }
        }

        return new Entry(rendered.Text, rest);
    }

    // Every parameter node of the filter's tree (the keys SELECT holds the predicate), by reference; found once.
    private HashSet<SqlParameterExpression> FilterNodes()
    {
        if (Volatile.Read(ref _filterNodes) is { } known)
        {
            return known;
        }

        var nodes = new HashSet<SqlParameterExpression>(PostgresRenderer.Render(_filter.Keys).Parameters, ReferenceEqualityComparer.Instance);
        Volatile.Write(ref _filterNodes, nodes);
        return nodes;
    }

    /// <summary>A cached text and the filter's nodes in its <c>$n</c> order after the shape's.</summary>
    private sealed record Entry(string Text, SqlParameterExpression[] FilterNodes);
}
