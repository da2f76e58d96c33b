using System.Linq.Expressions;

namespace Linq.Querying.Caching;

/// <summary>
/// Decides which sub-trees are values: they read no row (no lambda parameter), start no query (no table)
/// and are not a SQL marker. Such a sub-tree is evaluated on the client once per execution and sent as a
/// parameter. Checks stop at the first thing that makes a tree row-dependent, so they stay cheap.
/// </summary>
internal static class Evaluability
{
    public static bool IsEvaluatable(Expression node) => IsEvaluatable(node, null, 0);

    // Parameters of lambdas passed to a value's own methods (ids.Where(i => i > 3)) are in scope; a row's never are.
    private sealed record Scope(IReadOnlyList<ParameterExpression> Parameters, Scope? Parent)
    {
        public bool Contains(ParameterExpression parameter) => Parameters.Contains(parameter) || (Parent?.Contains(parameter) ?? false);
    }

    // The depth bounds the recursion: a deeper tree is balanced or refused by the compiler (ExpressionDepth).
    private static bool IsEvaluatable(Expression node, Scope? scope, int depth)
    {
        if (++depth > ExpressionDepth.Limit)
        {
            throw ExpressionDepth.TooDeep();
        }

        switch (node)
        {
            case ConstantExpression constant:
                return !IsShapeConstant(constant);
            case MemberExpression member:
                return member.Expression is null || IsEvaluatable(member.Expression, scope, depth);
            case UnaryExpression unary:
                return unary.NodeType != ExpressionType.Quote && !IsByRefLike(unary.Type) && IsEvaluatable(unary.Operand, scope, depth);
            case BinaryExpression binary:
                return IsEvaluatable(binary.Left, scope, depth) && IsEvaluatable(binary.Right, scope, depth);
            case MethodCallExpression call:
                if (IsByRefLike(call.Type) || Operators.IsQueryOperator(call.Method) || Operators.IsMarker(call.Method))
                {
                    return false;
                }

                if (call.Object is not null && !IsEvaluatable(call.Object, scope, depth))
                {
                    return false;
                }

                // By index: Arguments would make a collection (and foreach an enumerator) per node, per execution.
                IArgumentProvider arguments = call;
                for (var i = 0; i < arguments.ArgumentCount; i++)
                {
                    var argument = arguments.GetArgument(i);
                    var ok = argument is LambdaExpression lambda
                        ? IsEvaluatable(lambda.Body, new Scope(lambda.Parameters, scope), depth)
                        : IsEvaluatable(argument, scope, depth);
                    if (!ok)
                    {
                        return false;
                    }
                }

                return true;
            case NewExpression @new:
                IArgumentProvider newArguments = @new;
                for (var i = 0; i < newArguments.ArgumentCount; i++)
                {
                    if (!IsEvaluatable(newArguments.GetArgument(i), scope, depth))
                    {
                        return false;
                    }
                }

                // An anonymous-type 'new' is a projection shape, not a value.
                return @new.Members is null;
            case NewArrayExpression array:
                var elements = array.Expressions;
                for (var i = 0; i < elements.Count; i++)
                {
                    if (!IsEvaluatable(elements[i], scope, depth))
                    {
                        return false;
                    }
                }

                return true;
            case ConditionalExpression conditional:
                return IsEvaluatable(conditional.Test, scope, depth) && IsEvaluatable(conditional.IfTrue, scope, depth) && IsEvaluatable(conditional.IfFalse, scope, depth);
            case ParameterExpression parameter:
                return scope?.Contains(parameter) ?? false;
            default:
                return false;
        }
    }

    private static bool IsByRefLike(Type type) => type.IsByRefLike;

    // Queries (tables), enum choices that change the SQL (StringComparison, MidpointRounding) and lambdas are structure, not values.
    private static bool IsShapeConstant(ConstantExpression constant) =>
        constant.Value is IQueryable or StringComparison or MidpointRounding or LoadStrategy || typeof(IQueryable).IsAssignableFrom(constant.Type)
        || constant.Type == typeof(StringComparison) || constant.Type == typeof(MidpointRounding) || constant.Type == typeof(LoadStrategy);
}
