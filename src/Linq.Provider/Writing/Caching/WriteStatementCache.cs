using System.Collections.Concurrent;
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
    // Enough for every shape a program writes; past it new shapes are rendered each time rather than growing the cache.
    private const int MaxShapes = 512;

    private readonly ConcurrentDictionary<string, string?> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WriteStatementCache() => _lookup = _statements.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _statements.Count;

    /// <summary>
    /// The statement for <paramref name="shape"/>: the cached text with the shape's values bound, or, on a miss,
    /// <paramref name="build"/>'s statement rendered (and cached when its parameters are the recorded ones).
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Get<TState>(WriteShape shape, TState state, Func<TState, SqlStatement> build)
    {
        var found = _lookup.TryGetValue(shape.Key, out var cached);
        if (cached is not null)
        {
            return (cached, ParameterBinder.Bind(shape.Parameters, null));
        }

        var rendered = PostgresRenderer.Render(build(state));
        if (!found && _statements.Count < MaxShapes)
        {
            _statements.TryAdd(shape.Key.ToString(), SameParameters(rendered.Parameters, shape.Parameters) ? rendered.Text : null);
        }

        return (rendered.Text, ParameterBinder.Bind(rendered.Parameters, null));
    }

    /// <summary>Forgets every shape (tests).</summary>
    public void Clear() => _statements.Clear();

    private static bool SameParameters(IReadOnlyList<SqlParameterExpression> rendered, List<SqlParameterExpression> recorded)
    {
        if (rendered.Count != recorded.Count)
        {
            return false;
        }

        for (var i = 0; i < rendered.Count; i++)
        {
            if (!ReferenceEquals(rendered[i], recorded[i]))
            {
                return false;
            }
        }

        return true;
    }
}
