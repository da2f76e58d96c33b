using System.Linq.Expressions;
using System.Reflection;

namespace Linq;

/// <summary>Where a query runs when the client has read replicas (<see cref="LinqDatabaseOptions.ReadReplicas"/>).</summary>
public static class ReplicaQueryableExtensions
{
    /// <summary>
    /// Runs this query on the primary, not on a read replica: for a read that must see the caller's own write
    /// (a replica replays the primary's writes with a delay). Anywhere in the chain; without replicas (and inside a
    /// transaction, whose statements all run on the primary) it changes nothing.
    /// </summary>
    /// <example><code>var mine = await db.Posts.OnPrimary().Where(p =&gt; p.AuthorId == id).ToListAsync(ct);</code></example>
    public static IQueryable<T> OnPrimary<T>(this IQueryable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var call = Expression.Call(null, OnPrimaryMethod<T>.Value, source.Expression);
        return source.Provider.CreateQuery<T>(call);
    }

    // Resolved once per row type: a delegate's Method is looked up per delegate instance.
    private static class OnPrimaryMethod<T>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, IQueryable<T>>(OnPrimary).Method;
    }
}
