using System.Linq.Expressions;
using Linq.Querying.Frontend;

namespace Linq;

/// <summary>
/// Async terminal operators for queries over a <see cref="LinqDatabase"/>. Each takes a
/// <see cref="CancellationToken"/> that cancels the statement on the server.
/// </summary>
public static partial class QueryableExtensions
{
    /// <summary>Runs the query and returns all rows.</summary>
    public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Provider(source).ToListAsync<T>(source.Expression, cancellationToken);

    /// <summary>Runs the query and returns all rows as an array.</summary>
    public static async Task<T[]> ToArrayAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        [.. await source.ToListAsync(cancellationToken).ConfigureAwait(false)];

    /// <summary>
    /// Streams the rows from one open reader, one at a time (<c>await foreach</c>). Tables and queries are not
    /// themselves <see cref="IAsyncEnumerable{T}"/>: with .NET 10's built-in async LINQ that would make every
    /// <c>Where</c> ambiguous.
    /// </summary>
    public static IAsyncEnumerable<T> AsAsyncEnumerable<T>(this IQueryable<T> source) =>
        Provider(source).StreamAsync<T>(source.Expression, CancellationToken.None);

    /// <summary>The SQL the query runs (parameters appear as <c>$1</c>, <c>$2</c>, …).</summary>
    public static string ToSql<T>(this IQueryable<T> source) => Provider(source).ToSql(source.Expression);

    /// <summary>First row; throws when there is none.</summary>
    public static Task<T> FirstAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(OperatorMethods<T>.First, source.Expression), cancellationToken);

    /// <summary>First row; throws when there is none. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<T> FirstAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(OperatorMethods<T>.First, Where(source, predicate)), cancellationToken);

    /// <summary>First row, or default when there is none.</summary>
    public static Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(OperatorMethods<T>.FirstOrDefault, source.Expression), cancellationToken);

    /// <summary>First row, or default when there is none. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(OperatorMethods<T>.FirstOrDefault, Where(source, predicate)), cancellationToken);

    /// <summary>The only row; throws when there are none or several.</summary>
    public static Task<T> SingleAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(OperatorMethods<T>.Single, source.Expression), cancellationToken);

    /// <summary>The only row; throws when there are none or several. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<T> SingleAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(OperatorMethods<T>.Single, Where(source, predicate)), cancellationToken);

    /// <summary>The only row or default; throws when there are several.</summary>
    public static Task<T?> SingleOrDefaultAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(OperatorMethods<T>.SingleOrDefault, source.Expression), cancellationToken);

    /// <summary>The only row or default; throws when there are several. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<T?> SingleOrDefaultAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<T?>(source, Expression.Call(OperatorMethods<T>.SingleOrDefault, Where(source, predicate)), cancellationToken);

    /// <summary>Number of rows.</summary>
    public static Task<int> CountAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<int>(source, Expression.Call(OperatorMethods<T>.Count, source.Expression), cancellationToken);

    /// <summary>Number of rows. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<int> CountAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<int>(source, Expression.Call(OperatorMethods<T>.Count, Where(source, predicate)), cancellationToken);

    /// <summary>Number of rows, as a long.</summary>
    public static Task<long> LongCountAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<long>(source, Expression.Call(OperatorMethods<T>.LongCount, source.Expression), cancellationToken);

    /// <summary>Number of rows, as a long. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<long> LongCountAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<long>(source, Expression.Call(OperatorMethods<T>.LongCount, Where(source, predicate)), cancellationToken);

    /// <summary>Whether any row exists.</summary>
    public static Task<bool> AnyAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<bool>(source, Expression.Call(OperatorMethods<T>.Any, source.Expression), cancellationToken);

    /// <summary>Whether any row exists. Filters by <paramref name="predicate"/> first.</summary>
    public static Task<bool> AnyAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<bool>(source, Expression.Call(OperatorMethods<T>.Any, Where(source, predicate)), cancellationToken);

    /// <summary>Whether every row satisfies <paramref name="predicate"/> (true for no rows).</summary>
    public static Task<bool> AllAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        Execute<bool>(source, Expression.Call(ElementMethods<T>.All, source.Expression, Expression.Quote(predicate)), cancellationToken);

    /// <summary>The smallest value of <paramref name="selector"/>; throws on no rows unless the result type is nullable.</summary>
    public static Task<TResult> MinAsync<T, TResult>(this IQueryable<T> source, Expression<Func<T, TResult>> selector, CancellationToken cancellationToken = default) =>
        Execute<TResult>(source, Expression.Call(SelectorMethods<T, TResult>.Min, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The largest value of <paramref name="selector"/>; throws on no rows unless the result type is nullable.</summary>
    public static Task<TResult> MaxAsync<T, TResult>(this IQueryable<T> source, Expression<Func<T, TResult>> selector, CancellationToken cancellationToken = default) =>
        Execute<TResult>(source, Expression.Call(SelectorMethods<T, TResult>.Max, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The smallest row value; throws on no rows unless the element type is nullable.</summary>
    public static Task<T> MinAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(ElementMethods<T>.Min, source.Expression), cancellationToken);

    /// <summary>The largest row value; throws on no rows unless the element type is nullable.</summary>
    public static Task<T> MaxAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        Execute<T>(source, Expression.Call(ElementMethods<T>.Max, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<int> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, int>> selector, CancellationToken cancellationToken = default) =>
        Execute<int>(source, Expression.Call(NumericSelectorMethods<T>.SumInt32, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, int>> selector, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericSelectorMethods<T>.AverageInt32, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<int> SumAsync(this IQueryable<int> source, CancellationToken cancellationToken = default) =>
        Execute<int>(source, Expression.Call(NumericMethods.SumInt32, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double> AverageAsync(this IQueryable<int> source, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericMethods.AverageInt32, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<long> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, long>> selector, CancellationToken cancellationToken = default) =>
        Execute<long>(source, Expression.Call(NumericSelectorMethods<T>.SumInt64, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, long>> selector, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericSelectorMethods<T>.AverageInt64, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<long> SumAsync(this IQueryable<long> source, CancellationToken cancellationToken = default) =>
        Execute<long>(source, Expression.Call(NumericMethods.SumInt64, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double> AverageAsync(this IQueryable<long> source, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericMethods.AverageInt64, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<decimal> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, decimal>> selector, CancellationToken cancellationToken = default) =>
        Execute<decimal>(source, Expression.Call(NumericSelectorMethods<T>.SumDecimal, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<decimal> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, decimal>> selector, CancellationToken cancellationToken = default) =>
        Execute<decimal>(source, Expression.Call(NumericSelectorMethods<T>.AverageDecimal, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<decimal> SumAsync(this IQueryable<decimal> source, CancellationToken cancellationToken = default) =>
        Execute<decimal>(source, Expression.Call(NumericMethods.SumDecimal, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<decimal> AverageAsync(this IQueryable<decimal> source, CancellationToken cancellationToken = default) =>
        Execute<decimal>(source, Expression.Call(NumericMethods.AverageDecimal, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<double> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, double>> selector, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericSelectorMethods<T>.SumDouble, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, double>> selector, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericSelectorMethods<T>.AverageDouble, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<double> SumAsync(this IQueryable<double> source, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericMethods.SumDouble, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double> AverageAsync(this IQueryable<double> source, CancellationToken cancellationToken = default) =>
        Execute<double>(source, Expression.Call(NumericMethods.AverageDouble, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<float> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, float>> selector, CancellationToken cancellationToken = default) =>
        Execute<float>(source, Expression.Call(NumericSelectorMethods<T>.SumSingle, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<float> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, float>> selector, CancellationToken cancellationToken = default) =>
        Execute<float>(source, Expression.Call(NumericSelectorMethods<T>.AverageSingle, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<float> SumAsync(this IQueryable<float> source, CancellationToken cancellationToken = default) =>
        Execute<float>(source, Expression.Call(NumericMethods.SumSingle, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<float> AverageAsync(this IQueryable<float> source, CancellationToken cancellationToken = default) =>
        Execute<float>(source, Expression.Call(NumericMethods.AverageSingle, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<int?> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, int?>> selector, CancellationToken cancellationToken = default) =>
        Execute<int?>(source, Expression.Call(NumericSelectorMethods<T>.SumNullableInt32, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double?> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, int?>> selector, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericSelectorMethods<T>.AverageNullableInt32, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<int?> SumAsync(this IQueryable<int?> source, CancellationToken cancellationToken = default) =>
        Execute<int?>(source, Expression.Call(NumericMethods.SumNullableInt32, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double?> AverageAsync(this IQueryable<int?> source, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericMethods.AverageNullableInt32, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<long?> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, long?>> selector, CancellationToken cancellationToken = default) =>
        Execute<long?>(source, Expression.Call(NumericSelectorMethods<T>.SumNullableInt64, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double?> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, long?>> selector, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericSelectorMethods<T>.AverageNullableInt64, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<long?> SumAsync(this IQueryable<long?> source, CancellationToken cancellationToken = default) =>
        Execute<long?>(source, Expression.Call(NumericMethods.SumNullableInt64, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double?> AverageAsync(this IQueryable<long?> source, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericMethods.AverageNullableInt64, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<decimal?> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, decimal?>> selector, CancellationToken cancellationToken = default) =>
        Execute<decimal?>(source, Expression.Call(NumericSelectorMethods<T>.SumNullableDecimal, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<decimal?> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, decimal?>> selector, CancellationToken cancellationToken = default) =>
        Execute<decimal?>(source, Expression.Call(NumericSelectorMethods<T>.AverageNullableDecimal, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<decimal?> SumAsync(this IQueryable<decimal?> source, CancellationToken cancellationToken = default) =>
        Execute<decimal?>(source, Expression.Call(NumericMethods.SumNullableDecimal, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<decimal?> AverageAsync(this IQueryable<decimal?> source, CancellationToken cancellationToken = default) =>
        Execute<decimal?>(source, Expression.Call(NumericMethods.AverageNullableDecimal, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<double?> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, double?>> selector, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericSelectorMethods<T>.SumNullableDouble, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<double?> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, double?>> selector, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericSelectorMethods<T>.AverageNullableDouble, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<double?> SumAsync(this IQueryable<double?> source, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericMethods.SumNullableDouble, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<double?> AverageAsync(this IQueryable<double?> source, CancellationToken cancellationToken = default) =>
        Execute<double?>(source, Expression.Call(NumericMethods.AverageNullableDouble, source.Expression), cancellationToken);

    /// <summary>The sum of <paramref name="selector"/> (0 for no rows).</summary>
    public static Task<float?> SumAsync<T>(this IQueryable<T> source, Expression<Func<T, float?>> selector, CancellationToken cancellationToken = default) =>
        Execute<float?>(source, Expression.Call(NumericSelectorMethods<T>.SumNullableSingle, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The average of <paramref name="selector"/>.</summary>
    public static Task<float?> AverageAsync<T>(this IQueryable<T> source, Expression<Func<T, float?>> selector, CancellationToken cancellationToken = default) =>
        Execute<float?>(source, Expression.Call(NumericSelectorMethods<T>.AverageNullableSingle, source.Expression, Expression.Quote(selector)), cancellationToken);

    /// <summary>The sum of the rows (0 for no rows).</summary>
    public static Task<float?> SumAsync(this IQueryable<float?> source, CancellationToken cancellationToken = default) =>
        Execute<float?>(source, Expression.Call(NumericMethods.SumNullableSingle, source.Expression), cancellationToken);

    /// <summary>The average of the rows.</summary>
    public static Task<float?> AverageAsync(this IQueryable<float?> source, CancellationToken cancellationToken = default) =>
        Execute<float?>(source, Expression.Call(NumericMethods.AverageNullableSingle, source.Expression), cancellationToken);

    // source.Where(predicate) as an expression only: the terminal operator runs it, no query object is needed.
    private static MethodCallExpression Where<T>(IQueryable<T> source, Expression<Func<T, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return OperatorMethods<T>.CallWhere(source.Expression, predicate);
    }

    private static Task<TResult> Execute<TResult>(IQueryable source, Expression expression, CancellationToken cancellationToken) =>
        Provider(source).ExecuteAsync<TResult>(expression, cancellationToken);

    private static QueryProvider Provider(IQueryable source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider as QueryProvider ?? throw NotOurs();
    }

    private static InvalidOperationException NotOurs() =>
        new("The query does not come from a LinqDatabase table; async operators only run queries built from db.<Table>.");
}
