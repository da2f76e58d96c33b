using System.Linq.Expressions;
using System.Reflection;

namespace Linq;

/// <summary>The result cache operator: <c>.Cache(ttl, staleWhileRevalidate)</c>, the form of Prisma Accelerate's <c>cacheStrategy</c>.</summary>
public static class CacheQueryableExtensions
{
    /// <summary>
    /// Serves this query's result from the client's result cache (<see cref="LinqDatabaseOptions.UseResultCache"/>, a
    /// <c>HybridCache</c>) for <paramref name="ttl"/>; after that and within <paramref name="staleWhileRevalidate"/> the stale
    /// result is returned at once and refreshed in the background. The key is the statement plus its values; writes made
    /// through this client invalidate the tables they write, after they commit. Writes by other processes or raw SQL are
    /// not seen until the entry expires. Ignored inside a transaction (its reads always go to the database); refused for
    /// streaming and <c>ToPageAsync</c>. Without a configured cache the query throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="source">The query.</param>
    /// <param name="ttl">How long a result is fresh; positive.</param>
    /// <param name="staleWhileRevalidate">How long after <paramref name="ttl"/> a stale result may still be served while it is refreshed.</param>
    public static IQueryable<T> Cache<T>(this IQueryable<T> source, TimeSpan ttl, TimeSpan? staleWhileRevalidate = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        if (staleWhileRevalidate is { } swr)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(swr, TimeSpan.Zero, nameof(staleWhileRevalidate));
        }

        // Evaluated here, so the provider reads the policy from constants on every call (the plan cache turns constants
        // into parameters, so the policy cannot live in a shared plan; the call itself is part of the plan's shape).
        var call = Expression.Call(null, CacheMethod<T>.Value,
            source.Expression, Expression.Constant(ttl), Expression.Constant(staleWhileRevalidate, typeof(TimeSpan?)));
        return source.Provider.CreateQuery<T>(call);
    }

    // Resolved once per row type: a delegate's Method is looked up per delegate instance, and a cached read runs per request.
    private static class CacheMethod<T>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, TimeSpan, TimeSpan?, IQueryable<T>>(Cache).Method;
    }
}
