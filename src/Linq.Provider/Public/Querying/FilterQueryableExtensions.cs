using System.Linq.Expressions;
using System.Reflection;

namespace Linq;

/// <summary>Query operators about the global filters of an extended client (<c>WithExtensions(x =&gt; x.Filter&lt;Post&gt;(…))</c>).</summary>
public static class FilterQueryableExtensions
{
    /// <summary>
    /// Runs this query without the client's global filters: on its rows, its relation loads, its relation filters and
    /// its sub-queries. Call it on the outermost query (anywhere in its operator chain). On a client without filters it
    /// changes nothing.
    /// </summary>
    public static IQueryable<T> IgnoreFilters<T>(this IQueryable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var call = Expression.Call(null, IgnoreFiltersMethod<T>.Value, source.Expression);
        return source.Provider.CreateQuery<T>(call);
    }

    // Resolved once per row type: a delegate's Method is looked up per delegate instance.
    private static class IgnoreFiltersMethod<T>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, IQueryable<T>>(IgnoreFilters).Method;
    }
}
