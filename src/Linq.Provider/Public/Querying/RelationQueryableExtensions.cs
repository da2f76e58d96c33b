using System.Linq.Expressions;
using System.Reflection;
using Linq.Querying.Frontend;

namespace Linq;

/// <summary>Loading related rows: <c>Include</c>/<c>ThenInclude</c> (also filtered) and the load strategy.</summary>
public static class RelationQueryableExtensions
{
    /// <summary>
    /// Loads a navigation with each row: <c>Include(u =&gt; u.Posts)</c>, <c>Include(p =&gt; p.Author)</c>, or a filtered
    /// collection <c>Include(u =&gt; u.Posts.Where(p =&gt; p.Published).OrderByDescending(p =&gt; p.CreatedAt).Take(5))</c>.
    /// </summary>
    public static IIncludableQueryable<T, TProperty> Include<T, TProperty>(this IQueryable<T> source, Expression<Func<T, TProperty>> navigation)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(navigation);
        var call = Expression.Call(null, Methods<T, TProperty>.Include,
            source.Expression, Expression.Quote(navigation));
        return new IncludableQuery<T, TProperty>(source.Provider.CreateQuery<T>(call));
    }

    /// <summary>Like <see cref="Include{T, TProperty}(IQueryable{T}, Expression{Func{T, TProperty}})"/>, loading this relation with the given strategy.</summary>
    public static IIncludableQueryable<T, TProperty> Include<T, TProperty>(this IQueryable<T> source, Expression<Func<T, TProperty>> navigation, LoadStrategy strategy)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(navigation);
        var call = Expression.Call(null, Methods<T, TProperty>.IncludeWithStrategy,
            source.Expression, Expression.Quote(navigation), Expression.Constant(strategy));
        return new IncludableQuery<T, TProperty>(source.Provider.CreateQuery<T>(call));
    }

    /// <summary>Like ThenInclude after a collection, loading this relation with the given strategy.</summary>
    public static IIncludableQueryable<T, TProperty> ThenInclude<T, TPrevious, TProperty>(this IIncludableQueryable<T, IEnumerable<TPrevious>> source,
        Expression<Func<TPrevious, TProperty>> navigation, LoadStrategy strategy)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(navigation);
        var call = Expression.Call(null,
            ThenMethods<T, TPrevious, TProperty>.AfterCollectionWithStrategy,
            source.Expression, Expression.Quote(navigation), Expression.Constant(strategy));
        return new IncludableQuery<T, TProperty>(source.Provider.CreateQuery<T>(call));
    }

    /// <summary>Loads a navigation of the rows loaded by the previous collection <c>Include</c>/<c>ThenInclude</c>.</summary>
    public static IIncludableQueryable<T, TProperty> ThenInclude<T, TPrevious, TProperty>(this IIncludableQueryable<T, IEnumerable<TPrevious>> source,
        Expression<Func<TPrevious, TProperty>> navigation)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(navigation);
        var call = Expression.Call(null,
            ThenMethods<T, TPrevious, TProperty>.AfterCollection,
            source.Expression, Expression.Quote(navigation));
        return new IncludableQuery<T, TProperty>(source.Provider.CreateQuery<T>(call));
    }

    /// <summary>Loads a navigation of the row loaded by the previous to-one <c>Include</c>/<c>ThenInclude</c>.</summary>
    public static IIncludableQueryable<T, TProperty> ThenInclude<T, TPrevious, TProperty>(this IIncludableQueryable<T, TPrevious?> source,
        Expression<Func<TPrevious, TProperty>> navigation)
        where T : class
        where TPrevious : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(navigation);
        var call = Expression.Call(null,
            ThenReferenceMethod<T, TPrevious, TProperty>.Value,
            source.Expression, Expression.Quote(navigation));
        return new IncludableQuery<T, TProperty>(source.Provider.CreateQuery<T>(call));
    }

    /// <summary>
    /// Chooses how this query loads relations: <see cref="LoadStrategy.Join"/> (default: one statement) or
    /// <see cref="LoadStrategy.Query"/> (one statement per relation level).
    /// </summary>
    public static IQueryable<T> RelationLoadStrategy<T>(this IQueryable<T> source, LoadStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(source);
        var call = Expression.Call(null, StrategyMethod<T>.Value,
            source.Expression, Expression.Constant(strategy));
        return source.Provider.CreateQuery<T>(call);
    }

    // The operators' generic methods, resolved once per type arguments: a delegate's Method is looked up per delegate
    // instance (about 0.2 µs and 264 B), and an include runs per request.
    private static class Methods<T, TProperty>
        where T : class
    {
        public static readonly MethodInfo Include =
            new Func<IQueryable<T>, Expression<Func<T, TProperty>>, IIncludableQueryable<T, TProperty>>(RelationQueryableExtensions.Include).Method;

        public static readonly MethodInfo IncludeWithStrategy =
            new Func<IQueryable<T>, Expression<Func<T, TProperty>>, LoadStrategy, IIncludableQueryable<T, TProperty>>(RelationQueryableExtensions.Include).Method;
    }

    private static class ThenMethods<T, TPrevious, TProperty>
        where T : class
    {
        public static readonly MethodInfo AfterCollection =
            new Func<IIncludableQueryable<T, IEnumerable<TPrevious>>, Expression<Func<TPrevious, TProperty>>, IIncludableQueryable<T, TProperty>>(ThenInclude).Method;

        public static readonly MethodInfo AfterCollectionWithStrategy =
            new Func<IIncludableQueryable<T, IEnumerable<TPrevious>>, Expression<Func<TPrevious, TProperty>>, LoadStrategy, IIncludableQueryable<T, TProperty>>(ThenInclude).Method;
    }

    private static class ThenReferenceMethod<T, TPrevious, TProperty>
        where T : class
        where TPrevious : class
    {
        public static readonly MethodInfo Value =
            new Func<IIncludableQueryable<T, TPrevious?>, Expression<Func<TPrevious, TProperty>>, IIncludableQueryable<T, TProperty>>(ThenInclude).Method;
    }

    private static class StrategyMethod<T>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, LoadStrategy, IQueryable<T>>(RelationLoadStrategy).Method;
    }
}
