using System.Reflection;

namespace Linq.Querying.Frontend;

/// <summary>
/// The <see cref="Queryable"/> <c>Sum</c> and <c>Average</c> overloads over a query of numbers (not generic), resolved once (see
/// <see cref="ElementMethods{T}"/>).
/// </summary>
internal static class NumericMethods
{
    public static readonly MethodInfo SumInt32 = new Func<IQueryable<int>, int>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageInt32 = new Func<IQueryable<int>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumInt64 = new Func<IQueryable<long>, long>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageInt64 = new Func<IQueryable<long>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumDecimal = new Func<IQueryable<decimal>, decimal>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageDecimal = new Func<IQueryable<decimal>, decimal>(Queryable.Average).Method;

    public static readonly MethodInfo SumDouble = new Func<IQueryable<double>, double>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageDouble = new Func<IQueryable<double>, double>(Queryable.Average).Method;

    public static readonly MethodInfo SumSingle = new Func<IQueryable<float>, float>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageSingle = new Func<IQueryable<float>, float>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableInt32 = new Func<IQueryable<int?>, int?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableInt32 = new Func<IQueryable<int?>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableInt64 = new Func<IQueryable<long?>, long?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableInt64 = new Func<IQueryable<long?>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableDecimal = new Func<IQueryable<decimal?>, decimal?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableDecimal = new Func<IQueryable<decimal?>, decimal?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableDouble = new Func<IQueryable<double?>, double?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableDouble = new Func<IQueryable<double?>, double?>(Queryable.Average).Method;

    public static readonly MethodInfo SumNullableSingle = new Func<IQueryable<float?>, float?>(Queryable.Sum).Method;

    public static readonly MethodInfo AverageNullableSingle = new Func<IQueryable<float?>, float?>(Queryable.Average).Method;
}
