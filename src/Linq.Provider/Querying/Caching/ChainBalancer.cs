using System.Linq.Expressions;

namespace Linq.Querying.Caching;

/// <summary>
/// Rebuilds long chains of one associative operator (<c>a || b || c …</c> as a predicate builder makes them,
/// <c>&amp;&amp;</c>, and string concatenation) as balanced trees, so 100,000 terms nest 17 levels instead of 100,000.
/// The terms keep their order, and these operators are associative in .NET and in SQL, so the result is the same;
/// arithmetic is not rebalanced because intermediate overflow would differ. The chain is flattened with an
/// explicit stack; every other node counts against <see cref="ExpressionDepth.Limit"/>. Runs only for trees the
/// fingerprint walk found too deep, so ordinary queries never pay for it.
/// In an <c>||</c> chain, many equalities of one column with values (<c>x.Id == a || x.Id == b || …</c>) become one
/// <c>values.Contains(x.Id)</c>: one array parameter instead of thousands (PostgreSQL takes at most 65,535, and plans
/// a long OR list slowly). Contains matches NULL like <c>==</c> does, and SQL's OR does not depend on term order.
/// </summary>
internal sealed class ChainBalancer : ExpressionVisitor
{
    private int _depth;

    private ChainBalancer()
    {
    }

    /// <summary>The balanced tree.</summary>
    /// <exception cref="QueryTranslationException">A part of the tree that cannot be balanced nests too deep.</exception>
    public static Expression Balance(Expression expression) => new ChainBalancer().Visit(expression)!;

    public override Expression? Visit(Expression? node)
    {
        if (node is null)
        {
            return null;
        }

        if (++_depth > ExpressionDepth.Limit || !ExpressionDepth.HasStack())
        {
            throw ExpressionDepth.Refusal();
        }

        var result = node is BinaryExpression binary && IsChainOperator(binary) ? BalanceChain(binary) : base.Visit(node);
        _depth--;
        return result;
    }

    private static bool IsChainOperator(BinaryExpression node) => node.NodeType switch
    {
        ExpressionType.AndAlso or ExpressionType.OrElse => node.Method is null,
        ExpressionType.Add => node.Method is { Name: nameof(string.Concat) } method && method.DeclaringType == typeof(string),
        _ => false,
    };

    private static bool SameChain(Expression node, BinaryExpression head) =>
        node is BinaryExpression b && b.NodeType == head.NodeType && b.Method == head.Method && b.Type == head.Type
        && b.Left.Type == head.Left.Type && b.Right.Type == head.Right.Type && b.Conversion is null && !b.IsLiftedToNull == !head.IsLiftedToNull;

    private Expression BalanceChain(BinaryExpression head)
    {
        // In-order terms of the chain, without recursion: pushing Right before Left pops them left to right.
        var terms = new List<Expression>();
        var pending = new Stack<Expression>();
        pending.Push(head);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (SameChain(node, head))
            {
                var b = (BinaryExpression)node;
                pending.Push(b.Right);
                pending.Push(b.Left);
            }
            else
            {
                terms.Add(Visit(node)!);
            }
        }

        if (head.NodeType == ExpressionType.OrElse)
        {
            terms = GroupEqualities(terms);
        }

        return Build(head, terms, 0, terms.Count);
    }

    // Fewer equalities of one column stay as they are: the rewrite is for builder-made lists.
    private const int MinimumGroup = 32;

    private static List<Expression> GroupEqualities(List<Expression> terms)
    {
        var groups = new Dictionary<(ParameterExpression Row, string Path, Type Type), (Expression Column, List<Expression> Values)>();
        foreach (var term in terms)
        {
            if (ColumnEquality(term) is { } equality)
            {
                var key = KeyOf(equality.Column);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = (equality.Column, []);
                }

                group.Values.Add(equality.Value);
            }
        }

        var grouped = groups.Where(g => g.Value.Values.Count >= MinimumGroup && Contract.ScalarType.Find(g.Key.Type) is not null)
            .ToDictionary(g => g.Key, g => g.Value);
        if (grouped.Count == 0)
        {
            return terms;
        }

        var result = new List<Expression>();
        foreach (var term in terms)
        {
            if (ColumnEquality(term) is not { } equality || !grouped.ContainsKey(KeyOf(equality.Column)))
            {
                result.Add(term);
            }
        }

        foreach (var (column, values) in grouped.Values)
        {
            // The values are read now, as the fingerprint walk would read them: one typed array, one parameter.
            var scalar = Contract.ScalarType.Get(column.Type);
            var array = scalar.ToArray(values.Select(Evaluator.Evaluate));
            result.Add(Expression.Call(scalar.EnumerableContains, Expression.Constant(array, array.GetType()), column));
        }

        return result;
    }

    // x.Column == value or value == x.Column, where the column side is a member chain over a lambda parameter.
    private static (Expression Column, Expression Value)? ColumnEquality(Expression term)
    {
        if (term is not BinaryExpression { NodeType: ExpressionType.Equal } equal || equal.Left.Type != equal.Right.Type
            || equal.Method is { } method && (method.Name != "op_Equality" || method.DeclaringType != (Nullable.GetUnderlyingType(equal.Left.Type) ?? equal.Left.Type)))
        {
            return null;
        }

        if (IsColumn(equal.Left) && Evaluability.IsEvaluatable(equal.Right))
        {
            return (equal.Left, equal.Right);
        }

        return IsColumn(equal.Right) && Evaluability.IsEvaluatable(equal.Left) ? (equal.Right, equal.Left) : null;
    }

    // The row the chain starts from (by reference: two lambdas may name their parameters alike) and its member path.
    private static (ParameterExpression Row, string Path, Type Type) KeyOf(Expression column)
    {
        var path = new List<string>();
        var node = column;
        while (node is MemberExpression member)
        {
            path.Add(member.Member.DeclaringType?.FullName + "." + member.Member.Name);
            node = member.Expression!;
        }

        return ((ParameterExpression)node, string.Join("/", path), column.Type);
    }

    private static bool IsColumn(Expression node)
    {
        while (node is MemberExpression member)
        {
            node = member.Expression!;
        }

        return node is ParameterExpression;
    }

    private static Expression Build(BinaryExpression head, List<Expression> terms, int from, int to)
    {
        if (to - from == 1)
        {
            return terms[from];
        }

        var middle = from + ((to - from) / 2);
        return Expression.MakeBinary(head.NodeType, Build(head, terms, from, middle), Build(head, terms, middle, to), head.IsLiftedToNull, head.Method);
    }
}
