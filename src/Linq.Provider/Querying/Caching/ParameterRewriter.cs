using System.Linq.Expressions;

namespace Linq.Querying.Caching;

/// <summary>
/// Prepares a tree for re-linq on a cache miss: parameter sub-trees become <see cref="QueryParameterExpression"/>
/// placeholders, and C# 14's <c>MemoryExtensions.Contains(ReadOnlySpan&lt;T&gt;, T)</c> (what <c>array.Contains(x)</c>
/// binds to now) becomes <c>Enumerable.Contains</c>, which re-linq understands.
/// </summary>
internal sealed class ParameterRewriter : ExpressionVisitor
{
    private readonly Dictionary<Expression, int> _parameters = new(ReferenceEqualityComparer.Instance);

    private ParameterRewriter(List<Expression> parameterNodes)
    {
        for (var i = 0; i < parameterNodes.Count; i++)
        {
            _parameters.TryAdd(parameterNodes[i], i);
        }
    }

    public static Expression Rewrite(Expression expression, List<Expression> parameterNodes) =>
        new ParameterRewriter(parameterNodes).Visit(expression)!;

    public override Expression? Visit(Expression? node) =>
        node is not null && _parameters.TryGetValue(node, out var index) ? new QueryParameterExpression(index, node.Type) : base.Visit(node);

    // An initializer's 'new' stays as it is (the walker never makes it a value); its arguments may hold values.
    protected override Expression VisitMemberInit(MemberInitExpression node) =>
        node.Update((NewExpression)base.VisitNew(node.NewExpression), node.Bindings.Select(VisitMemberBinding));

    protected override Expression VisitListInit(ListInitExpression node) =>
        node.Update((NewExpression)base.VisitNew(node.NewExpression), node.Initializers.Select(VisitElementInit));

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(MemoryExtensions) && node.Method.Name == nameof(MemoryExtensions.Contains)
            && node.Arguments.Count is 2 or 3 && Unspan(node.Arguments[0]) is { } source)
        {
            // The three-argument form carries an equality comparer; C# passes null for a plain array.Contains(x).
            if (node.Arguments.Count == 3 && node.Arguments[2] is not ConstantExpression { Value: null } and not DefaultExpression)
            {
                throw new QueryTranslationException(node, "Contains with a custom comparer cannot run in SQL.");
            }

            // Enumerable.Contains<T> over the element type, from the closed table of value types (no generic method made here).
            var elementType = node.Arguments[1].Type;
            var contains = Contract.ScalarType.Find(elementType)?.EnumerableContains
                ?? throw new QueryTranslationException(node, $"Contains over a collection of '{elementType.Name}' cannot run in SQL.");
            var visitedSource = Visit(source)!;
            return Expression.Call(contains, visitedSource, Visit(node.Arguments[1])!);
        }

        return base.VisitMethodCall(node);
    }

    // op_Implicit(array) to ReadOnlySpan<T>/Span<T>, as the compiler writes it.
    private static Expression? Unspan(Expression argument) => argument switch
    {
        MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } call when call.Type.IsByRefLike => call.Arguments[0],
        UnaryExpression { NodeType: ExpressionType.Convert } convert when convert.Type.IsByRefLike => convert.Operand,
        _ => null,
    };
}
