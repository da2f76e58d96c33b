using System.Linq.Expressions;
using Linq.Querying.Paging;

namespace Linq.Querying.Frontend;

/// <summary>
/// Removes Include/ThenInclude/RelationLoadStrategy/Cursor/OnPrimary/Cache from the operator chain before re-linq sees it (an operator
/// after a custom one would make re-linq open a sub-query) and records them beside the tree. They are still part
/// of the cache key, because the fingerprint is taken from the tree as the user wrote it.
/// </summary>
internal static class OptionExtractor
{
    public static Expression Extract(Expression expression, QueryOptions options)
    {
        var calls = new List<MethodCallExpression>();
        var stripped = Strip(expression, calls);
        calls.Reverse();
        IncludeNode? current = null;
        foreach (var call in calls)
        {
            switch (call.Method.Name)
            {
                case nameof(RelationQueryableExtensions.Include):
                {
                    var lambda = Lambda(call.Arguments[1]);
                    current = options.Includes.GetOrAdd(NavigationName(lambda), lambda);
                    current.Strategy = Strategy(call) ?? current.Strategy;
                    break;
                }

                case nameof(RelationQueryableExtensions.ThenInclude):
                {
                    var lambda = Lambda(call.Arguments[1]);
                    current = (current ?? throw new QueryTranslationException(call, "ThenInclude must follow Include."))
                        .GetOrAdd(NavigationName(lambda), lambda);
                    current.Strategy = Strategy(call) ?? current.Strategy;
                    break;
                }

                case nameof(RelationQueryableExtensions.RelationLoadStrategy):
                    options.Strategy = (LoadStrategy)((ConstantExpression)call.Arguments[1]).Value!;
                    break;
                case nameof(PagingQueryableExtensions.Cursor):
                    options.Keyset = options.Keyset is null
                        ? new KeysetSpec(Lambda(call.Arguments[1]), call.Arguments[2], null, null)
                        : throw new QueryTranslationException(call, "a query can have one Cursor, and not both Cursor and ToPageAsync.");
                    break;
                case nameof(ReplicaQueryableExtensions.OnPrimary):
                    options.OnPrimary = true;
                    break;
                case nameof(CacheQueryableExtensions.Cache):
                    // Read per call by the provider (CachePolicy): its ttl is a value, the plan is shared.
                    break;
                case nameof(PagingQueryableExtensions.PageMarker):
                    options.Keyset = options.Keyset is null
                        ? new KeysetSpec(null, null, call.Arguments[1], call.Arguments[2])
                        : throw new QueryTranslationException(call, "use either Cursor or ToPageAsync's token, not both.");
                    break;
            }
        }

        return stripped;
    }

    private static LoadStrategy? Strategy(MethodCallExpression call) =>
        call.Arguments.Count > 2 && call.Arguments[2] is ConstantExpression { Value: LoadStrategy strategy } ? strategy : null;

    private static Expression Strip(Expression expression, List<MethodCallExpression> calls)
    {
        if (expression is not MethodCallExpression call || call.Arguments.Count == 0)
        {
            return expression;
        }

        if (call.Method.DeclaringType == typeof(RelationQueryableExtensions) || call.Method.DeclaringType == typeof(PagingQueryableExtensions)
            || call.Method.DeclaringType == typeof(ReplicaQueryableExtensions) || call.Method.DeclaringType == typeof(FilterQueryableExtensions)
            || call.Method.DeclaringType == typeof(CacheQueryableExtensions))
        {
            calls.Add(call);
            return Strip(call.Arguments[0], calls);
        }

        if (!typeof(IQueryable).IsAssignableFrom(call.Arguments[0].Type))
        {
            return expression;
        }

        var source = Strip(call.Arguments[0], calls);
        return source == call.Arguments[0] ? call : call.Update(call.Object, [source, .. call.Arguments.Skip(1)]);
    }

    private static LambdaExpression Lambda(Expression argument) => argument is UnaryExpression { NodeType: ExpressionType.Quote } quote
        ? (LambdaExpression)quote.Operand
        : (LambdaExpression)argument;

    // The navigation an include names: the member at the bottom of u => u.Posts.Where(…).OrderBy(…).Take(n).
    private static string NavigationName(LambdaExpression lambda)
    {
        var body = lambda.Body;
        while (true)
        {
            switch (body)
            {
                case MemberExpression member when member.Expression == lambda.Parameters[0]:
                    return member.Member.Name;
                case MethodCallExpression call when call.Method.DeclaringType == typeof(Enumerable) && call.Arguments.Count > 0:
                    body = call.Arguments[0];
                    break;
                case UnaryExpression { NodeType: ExpressionType.Convert } convert:
                    body = convert.Operand;
                    break;
                default:
                    throw new QueryTranslationException(lambda, "an include must name a navigation of the row, optionally filtered with Where, OrderBy, ThenBy, Skip and Take.",
                        "Write Include(u => u.Posts) or Include(u => u.Posts.Where(p => p.Published).Take(5)).");
            }
        }
    }
}
