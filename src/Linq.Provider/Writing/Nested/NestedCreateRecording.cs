using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing.Nested;

/// <summary>
/// What <see cref="NestedCreateBuilder"/> records on the miss of a cached shape: it takes the rows already collected
/// (in collection order) instead of collecting them again, and notes for every parameter node it makes where the value
/// came from. The statement is cached only when the rendered parameters are exactly these nodes in this order.
/// </summary>
internal sealed class NestedCreateRecording(List<ICreateInput> inputs, List<RowCollector> rows)
{
    private readonly Dictionary<RowCollector, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ICreateInput, int> _inputs = new(ReferenceEqualityComparer.Instance);
    private int _next;

    /// <summary>The parameter nodes in the order the builder made them, each with its value's source.</summary>
    public List<(SqlParameterExpression Node, NestedValueSource Source)> Parameters { get; } = [];

    /// <summary>
    /// The next collected row when it is <paramref name="input"/>'s; otherwise the builder walks in another order than the
    /// rows were collected, the recording is marked <see cref="Diverged"/> (never cached) and the row is collected anew.
    /// </summary>
    public RowCollector Take(ICreateInput input)
    {
        if (Diverged || _next >= rows.Count || !ReferenceEquals(inputs[_next], input))
        {
            Diverged = true;
            var own = new RowCollector();
            input.WriteTo(own);
            return own;
        }

        var row = rows[_next];
        _index[row] = _next;
        _inputs.TryAdd(input, _next);
        _next++;
        return row;
    }

    /// <summary>Whether the builder walked the rows in another order than they were collected.</summary>
    public bool Diverged { get; private set; }

    /// <summary>Whether the builder took exactly the collected rows, in order (otherwise nothing is cached).</summary>
    public bool Usable => !Diverged && _next == rows.Count;

    public int IndexOf(RowCollector row) => _index[row];

    public int IndexOf(ICreateInput input) => _inputs[input];

    public T Add<T>(T node, NestedValueSource source) where T : SqlParameterExpression
    {
        Parameters.Add((node, source));
        return node;
    }
}
