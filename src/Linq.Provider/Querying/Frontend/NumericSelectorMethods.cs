using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Frontend;

/// <summary>
/// The <see cref="Queryable"/> <c>Sum</c> and <c>Average</c> overloads over a numeric selector, resolved once per row type (see
/// <see cref="ElementMethods{T}"/>). Each overload is its own method, so each numeric type has its own field.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal static class NumericSelectorMethods<T>
{
    public static readonly MethodInfo SumInt32 = new Func<IQueryable<T>, Expression<Func<T, int>>, int>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageInt32 = new Func<IQueryable<T>, Expression<Func<T, int>>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumInt64 = new Func<IQueryable<T>, Expression<Func<T, long>>, long>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageInt64 = new Func<IQueryable<T>, Expression<Func<T, long>>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumDecimal = new Func<IQueryable<T>, Expression<Func<T, decimal>>, decimal>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageDecimal = new Func<IQueryable<T>, Expression<Func<T, decimal>>, decimal>(Queryable.Average).Method;

    public static readonly MethodInfo SumDouble = new Func<IQueryable<T>, Expression<Func<T, double>>, double>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageDouble = new Func<IQueryable<T>, Expression<Func<T, double>>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumSingle = new Func<IQueryable<T>, Expression<Func<T, float>>, float>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageSingle = new Func<IQueryable<T>, Expression<Func<T, float>>, float>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableInt32 = new Func<IQueryable<T>, Expression<Func<T, int?>>, int?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableInt32 = new Func<IQueryable<T>, Expression<Func<T, int?>>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableInt64 = new Func<IQueryable<T>, Expression<Func<T, long?>>, long?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableInt64 = new Func<IQueryable<T>, Expression<Func<T, long?>>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableDecimal = new Func<IQueryable<T>, Expression<Func<T, decimal?>>, decimal?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableDecimal = new Func<IQueryable<T>, Expression<Func<T, decimal?>>, decimal?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableDouble = new Func<IQueryable<T>, Expression<Func<T, double?>>, double?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableDouble = new Func<IQueryable<T>, Expression<Func<T, double?>>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableSingle = new Func<IQueryable<T>, Expression<Func<T, float?>>, float?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableSingle = new Func<IQueryable<T>, Expression<Func<T, float?>>, float?>(Queryable.Average).Method;
}
