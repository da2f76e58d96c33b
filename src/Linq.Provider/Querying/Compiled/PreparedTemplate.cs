using System.Globalization;
using System.Linq.Expressions;
using Linq.Querying.Caching;

namespace Linq.Querying.Compiled;

/// <summary>
/// A compiled query walked once: the tree the plan is built from (slots for the arguments), its shape, the values that
/// do not change between calls, and where each argument goes. A call copies the values, puts its arguments in and
/// patches the null pattern of the shape; nothing is walked, hashed into a new array or built per call.
/// </summary>
/// <remarks>
/// Values that are neither constants nor arguments (<c>DateTime.UtcNow</c>, a field read when the query was written)
/// are evaluated again on every call, as an inline query would. The tables in the tree are the first client's: a plan
/// names tables by model, never by client, so any client of the same database type runs it.
/// </remarks>
internal sealed class PreparedTemplate
{
    private readonly long[] _shape;
    private readonly int _valuesAt;
    private readonly object?[] _values;
    private readonly ArgumentUse[] _arguments;
    private readonly (int Index, Expression Node)[] _computed;

    private PreparedTemplate(Expression expression, long[] shape, object?[] values, ArgumentUse[] arguments, (int, Expression)[] computed)
    {
        Expression = expression;
        _shape = shape;
        _values = values;
        _valuesAt = shape.Length - values.Length;
        _arguments = arguments;
        _computed = computed;
    }

    /// <summary>The tree the plan is built from on a plan-cache miss.</summary>
    public Expression Expression { get; }

    /// <summary>The number of shape tokens (the caller provides the span).</summary>
    public int ShapeLength => _shape.Length;

    public static PreparedTemplate Create(Expression expression, IReadOnlyList<Expression> slots, IReadOnlyList<ParameterExpression> names)
    {
        long[] shape;
        object?[] values;
        var walker = ShapeWalker.Rent();
        try
        {
            walker.WalkBalanced(ref expression);
            shape = walker.Shape.ToArray();
            values = walker.TakeValues();
        }
        finally
        {
            ShapeWalker.Return(walker);
        }

        var nodes = ShapeWalker.CollectParameterNodes(expression);
        var arguments = new List<ArgumentUse>();
        var computed = new List<(int, Expression)>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (ArgumentUseCheck.Classify(nodes[i], slots, names) is { } use)
            {
                arguments.Add(new ArgumentUse(i, use.Argument, use.ConvertTo));
            }
            else if (nodes[i] is not ConstantExpression && !QueryParameterExpression.IsTable(values[i]))
            {
                computed.Add((i, nodes[i]));
            }
        }

        return new PreparedTemplate(expression, shape, values, [.. arguments], [.. computed]);
    }

    /// <summary>This call's values (arguments and recomputed values in place) and its shape, written to <paramref name="shape"/>.</summary>
    public object?[] Bind(ReadOnlySpan<object?> arguments, Span<long> shape)
    {
        var values = _values.Length == 0 ? _values : _values.AsSpan().ToArray();
        _shape.CopyTo(shape);
        foreach (var use in _arguments)
        {
            var value = arguments[use.Argument];
            if (use.ConvertTo is { } type && value is not null)
            {
                value = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            }

            values[use.ValueIndex] = value;
            shape[_valuesAt + use.ValueIndex] = ShapeWalker.ValueToken(value);
        }

        foreach (var (index, node) in _computed)
        {
            var value = Evaluator.Evaluate(node);
            values[index] = value;
            shape[_valuesAt + index] = ShapeWalker.ValueToken(value);
        }

        return values;
    }
}
