using System.Linq.Expressions;
using System.Reflection;
using Linq.Querying.Frontend;
using Linq.Querying.Paging;

namespace Linq;

/// <summary>
/// Keyset (cursor) paging: pages are found by the last row's key values, not by counting rows, so a deep page
/// costs what the first page costs and rows inserted meanwhile do not shift the pages.
/// </summary>
public static class PagingQueryableExtensions
{
    /// <summary>
    /// Starts after the row whose ordering keys are <paramref name="after"/>: the cursor row itself is not
    /// included (Prisma's <c>cursor</c> includes it and is usually paired with <c>skip: 1</c>). The key names the
    /// ordering keys in order, <c>p =&gt; p.Id</c> or <c>p =&gt; new { p.CreatedAt, p.Id }</c>; when the ordering is not
    /// unique, the primary key is appended to it and must be part of the key. Nullable keys are rejected.
    /// </summary>
    public static IQueryable<T> Cursor<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, TKey after)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        var call = Expression.Call(null, CursorMethod<T, TKey>.Value, source.Expression, Expression.Quote(key), Expression.Constant(after, typeof(TKey)));
        return source.Provider.CreateQuery<T>(call);
    }

    /// <summary>
    /// One page of an ordered query: <paramref name="take"/> rows after the position <paramref name="after"/> (a
    /// <see cref="Page{T}.NextCursor"/> from the previous page, or null for the first page). The primary key is
    /// added to the ordering when it is not unique. A tampered token, or one from another query, is an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> source, int take, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        // One row more than asked is read to tell whether another page follows.
        ArgumentOutOfRangeException.ThrowIfEqual(take, int.MaxValue);
        if (source.Provider is not QueryProvider provider)
        {
            throw new InvalidOperationException("ToPageAsync runs queries built from a LinqDatabase table.");
        }

        var call = Expression.Call(null, PageMarkerMethod<T>.Value,
            source.Expression, Expression.Constant(take), Expression.Constant(after, typeof(string)));
        var (rows, signature) = await provider.PageAsync<T>(call, cancellationToken).ConfigureAwait(false);
        var hasMore = rows.Count > take;
        var items = rows.Take(take).Select(r => r.Item).ToList();
        var next = hasMore ? provider.Database.PageTokens.Encode(signature, rows[take - 1].Keys) : null;
        return new Page<T>(items, hasMore, next);
    }

    // Resolved once per row and key type: a delegate's Method is looked up per delegate instance, and a cursor page runs per request.
    private static class CursorMethod<T, TKey>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, Expression<Func<T, TKey>>, TKey, IQueryable<T>>(Cursor).Method;
    }

    private static class PageMarkerMethod<T>
    {
        public static readonly MethodInfo Value = new Func<IQueryable<T>, int, string?, IQueryable<T>>(PageMarker).Method;
    }

    /// <summary>Marks a query as a page query inside the expression tree; never executed.</summary>
    internal static IQueryable<T> PageMarker<T>(IQueryable<T> source, int take, string? after) =>
        throw new InvalidOperationException("PageMarker only marks a query; call ToPageAsync.");
}
