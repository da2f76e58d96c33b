using System.Linq.Expressions;

namespace Linq.Execution.ResultCaching;

/// <summary>A query's <c>.Cache(ttl, staleWhileRevalidate)</c>, read from its expression on each call.</summary>
internal readonly record struct CachePolicy(TimeSpan Ttl, TimeSpan StaleWhileRevalidate)
{
    /// <summary>
    /// The policy of the outermost operator chain, or null. Only that chain is walked (a few type checks per query): a
    /// .Cache inside a sub-query or an include is not a policy of the statement and is refused by the translator.
    /// </summary>
    public static CachePolicy? Find(Expression expression)
    {
        // Through IArgumentProvider: Arguments makes a collection per node, and the tree is new on every execution.
        while (expression is MethodCallExpression call && ((IArgumentProvider)call).ArgumentCount > 0)
        {
            IArgumentProvider arguments = call;
            if (call.Method.DeclaringType == typeof(CacheQueryableExtensions))
            {
                var ttl = (TimeSpan)((ConstantExpression)arguments.GetArgument(1)).Value!;
                var swr = (TimeSpan?)((ConstantExpression)arguments.GetArgument(2)).Value;
                return new CachePolicy(ttl, swr ?? TimeSpan.Zero);
            }

            expression = arguments.GetArgument(0);
        }

        return null;
    }
}
