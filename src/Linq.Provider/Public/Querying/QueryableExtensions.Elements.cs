using System.Linq.Expressions;
using Linq.Querying.Frontend;

namespace Linq;

public static partial class QueryableExtensions
{
    /// <summary>Last row of the query's ordering (which it needs); throws when there is none.</summary>
    public static Task<T> LastAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(ElementMethods<T>.Last, source.Expression), cancellationToken);

    /// <summary>Last row of the query's ordering that matches <paramref name="predicate"/>; throws when there is none.</summary>
    public static Task<T> LastAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        source.Where(predicate).LastAsync(cancellationToken);

    /// <summary>Last row of the query's ordering (which it needs), or default when there is none.</summary>
    public static Task<T?> LastOrDefaultAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(ElementMethods<T>.LastOrDefault, source.Expression), cancellationToken);

    /// <summary>Last row of the query's ordering that matches <paramref name="predicate"/>, or default when there is none.</summary>
    public static Task<T?> LastOrDefaultAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        source.Where(predicate).LastOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The row at <paramref name="index"/> in the query's ordering (in primary-key order when the query has none); throws
    /// <see cref="ArgumentOutOfRangeException"/> when the index is negative or past the end.
    /// </summary>
    public static Task<T> ElementAtAsync<T>(this IQueryable<T> source, int index, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(ElementMethods<T>.ElementAt, source.Expression, Expression.Constant(index)), cancellationToken);

    /// <summary>The row at <paramref name="index"/> in the query's ordering (in primary-key order when the query has none), or default when there is none.</summary>
    public static Task<T?> ElementAtOrDefaultAsync<T>(this IQueryable<T> source, int index, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(ElementMethods<T>.ElementAtOrDefault, source.Expression, Expression.Constant(index)), cancellationToken);

    /// <summary>
    /// The first row with the greatest key (rows with a null key count only when all keys are null); ties go to the
    /// first row of the query's ordering, or of primary-key order. Default (or, for a value type, an exception) when empty.
    /// </summary>
    public static Task<T?> MaxByAsync<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> keySelector, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(SelectorMethods<T, TKey>.MaxBy, source.Expression, Expression.Quote(keySelector)), cancellationToken);

    /// <summary>
    /// The first row with the least key (rows with a null key count only when all keys are null); ties go to the
    /// first row of the query's ordering, or of primary-key order. Default (or, for a value type, an exception) when empty.
    /// </summary>
    public static Task<T?> MinByAsync<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> keySelector, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(SelectorMethods<T, TKey>.MinBy, source.Expression, Expression.Quote(keySelector)), cancellationToken);
}
