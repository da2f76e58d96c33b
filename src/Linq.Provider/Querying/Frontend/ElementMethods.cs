using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Frontend;

/// <summary>
/// The <see cref="Queryable"/> element and predicate operators the async terminal operators put into a query's expression
/// (<c>All</c>, <c>Min</c>, <c>Max</c>, <c>Last</c>, <c>ElementAt</c> …), resolved once per row type: a delegate's <c>Method</c>
/// is looked up per delegate instance, which cost each call a delegate and the lookup.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal static class ElementMethods<T>
{
    public static readonly MethodInfo All = new Func<IQueryable<T>, Expression<Func<T, bool>>, bool>(Queryable.All).Method;

    public static readonly MethodInfo Min = new Func<IQueryable<T>, T?>(Queryable.Min).Method;

    public static readonly MethodInfo Max = new Func<IQueryable<T>, T?>(Queryable.Max).Method;

    public static readonly MethodInfo Last = new Func<IQueryable<T>, T>(Queryable.Last).Method;

    public static readonly MethodInfo LastOrDefault = new Func<IQueryable<T>, T?>(Queryable.LastOrDefault).Method;

    public static readonly MethodInfo ElementAt = new Func<IQueryable<T>, int, T>(Queryable.ElementAt).Method;

    public static readonly MethodInfo ElementAtOrDefault = new Func<IQueryable<T>, int, T?>(Queryable.ElementAtOrDefault).Method;
}
