using Linq.Contract;
using Linq.Sql.Rendering;
using Linq.Writing.Caching;
using Npgsql;

namespace Linq.Writing.Nested;

/// <summary>
/// Rendered nested-create statements of one model by <see cref="NestedCreateShape"/>: a repeated shape binds its values
/// to the cached text, skipping the CTE tree and its rendering. On a miss the builder runs as always, taking the rows
/// already collected and recording where each parameter's value comes from (<see cref="NestedCreateRecording"/>); the
/// text is cached only when the builder walked exactly the collected rows and the rendered parameters are exactly the
/// recorded nodes in the recorded order, so no value can land in another hole. Shared by every database (the text
/// depends on the model's metadata alone).
/// </summary>
internal sealed class NestedCreateCache
{
    private readonly ShapeStore<Entry> _statements = new();

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _statements.Count;

    /// <summary>Whether the shape of <paramref name="key"/> is served from the cache (tests).</summary>
    public bool Serves(string key) => _statements.TryGet(key, out var entry) && entry is not null;

    /// <summary>
    /// The statement of a nested create whose rows <paramref name="shape"/> collected: cached text and bound values on a
    /// hit; built by the builder (and cached when it can be) on a miss. The statement returns the root row and no checks.
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Get(NestedCreateShape shape, ModelMetadata model, ICreateInput input, List<RelationWrites> writes, LinqDatabase database)
    {
        var found = _statements.TryGet(shape.Key, out var cached);
        if (cached is not null)
        {
            var parameters = new NpgsqlParameter[cached.Sources.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = cached.Sources[i].Bind(shape.Rows);
            }

            return (cached.Sql, parameters);
        }

        var recording = new NestedCreateRecording(shape.Inputs(), shape.Rows);
        var builder = new NestedCreateBuilder(recording);
        var root = builder.AddRoot(model, input, database, writes);
        if (builder.Checks.Count > 0)
        {
            throw new InvalidOperationException("A cached nested create has no checks.");
        }

        var rendered = PostgresRenderer.Render(builder.Build(root, model));
        if (!found)
        {
            _statements.Remember(shape.Key, recording.Usable && ShapeStore<Entry>.SameNodes(rendered.Parameters, recording.Parameters, static p => p.Node)
                ? new Entry(rendered.Text, [.. recording.Parameters.Select(p => p.Source)])
                : null);
        }

        return (rendered.Text, Execution.ParameterBinder.Bind(rendered.Parameters, null));
    }

    /// <summary>Forgets every shape (tests).</summary>
    public void Clear() => _statements.Clear();

    private sealed record Entry(string Sql, NestedValueSource[] Sources);
}
