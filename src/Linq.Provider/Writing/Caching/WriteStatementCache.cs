using Linq.Execution;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing.Caching;

/// <summary>
/// Rendered write statements of one model by <see cref="WriteShape"/>: a repeated create, update, upsert or delete of
/// the same shape reuses the text and only binds its values, as a cached query plan does. The text depends on the
/// model's metadata alone (static per model), so the cache is shared by every database and transaction scope.
/// </summary>
/// <remarks>
/// A shape is cached only when the rendered statement's parameters are exactly the recorded nodes in the recorded
/// order (checked by reference on the miss that renders it); otherwise the shape is remembered as one that is always
/// rendered, so a shape whose parameters the renderer orders differently can never bind values to the wrong holes.
/// </remarks>
internal sealed class WriteStatementCache
{
    private readonly ShapeStore<string> _statements = new();

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _statements.Count;

    /// <summary>
    /// The statement for <paramref name="shape"/>: the cached text with the shape's values bound, or, on a miss,
    /// <paramref name="build"/>'s statement rendered (and cached when its parameters are the recorded ones).
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Get<TState>(WriteShape shape, TState state, Func<TState, SqlStatement> build)
    {
        var found = _statements.TryGet(shape.Key, out var cached);
        if (cached is not null)
        {
            return (cached, ParameterBinder.Bind(shape.Parameters, null));
        }

        var rendered = PostgresRenderer.Render(build(state));
        if (!found)
        {
            _statements.Remember(shape.Key, ShapeStore<string>.SameNodes(rendered.Parameters, shape.Parameters, static p => p) ? rendered.Text : null);
        }

        return (rendered.Text, ParameterBinder.Bind(rendered.Parameters, null));
    }

    /// <summary>
    /// The cached text for <paramref name="shape"/> with its values bound, when the shape is cached: the caller recorded
    /// the shape without building the statement's tree, and builds it (then calls <see cref="Get"/>) only when this fails.
    /// </summary>
    public bool TryBind(WriteShape shape, out (string Sql, NpgsqlParameter[] Parameters) statement)
    {
        if (_statements.TryGet(shape.Key, out var cached) && cached is not null)
        {
            statement = (cached, ParameterBinder.Bind(shape.Parameters, null));
            return true;
        }

        statement = default;
        return false;
    }

    /// <summary>Forgets every shape (tests).</summary>
    public void Clear() => _statements.Clear();
}
