using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Frontend;

/// <summary>
/// The <see cref="Queryable"/> operators over a selector of any type (<c>Min</c>, <c>Max</c>, <c>MinBy</c>, <c>MaxBy</c>), resolved
/// once per row and selector type (see <see cref="ElementMethods{T}"/>).
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TResult">The selector's (or key's) type.</typeparam>
internal static class SelectorMethods<T, TResult>
{
    public static readonly MethodInfo Min = new Func<IQueryable<T>, Expression<Func<T, TResult>>, TResult?>(Queryable.Min).Method;

    public static readonly MethodInfo Max = new Func<IQueryable<T>, Expression<Func<T, TResult>>, TResult?>(Queryable.Max).Method;

    public static readonly MethodInfo MaxBy = new Func<IQueryable<T>, Expression<Func<T, TResult>>, T?>(Queryable.MaxBy).Method;

    public static readonly MethodInfo MinBy = new Func<IQueryable<T>, Expression<Func<T, TResult>>, T?>(Queryable.MinBy).Method;
}
