using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Frontend;

/// <summary>
/// The <see cref="Queryable"/> methods the hot operators put into a query's expression, resolved once per row type.
/// <see cref="Queryable.Where{TSource}(IQueryable{TSource}, Expression{Func{TSource, bool}})"/> itself closes its
/// generic method on every call, and a delegate's <c>Method</c> is looked up per delegate instance; a cached find or
/// first row pays neither.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal static class OperatorMethods<T>
{
    public static readonly MethodInfo Where = new Func<IQueryable<T>, Expression<Func<T, bool>>, IQueryable<T>>(Queryable.Where).Method;

    public static readonly MethodInfo First = new Func<IQueryable<T>, T>(Queryable.First).Method;

    public static readonly MethodInfo FirstOrDefault = new Func<IQueryable<T>, T?>(Queryable.FirstOrDefault).Method;

    public static readonly MethodInfo Single = new Func<IQueryable<T>, T>(Queryable.Single).Method;

    public static readonly MethodInfo SingleOrDefault = new Func<IQueryable<T>, T?>(Queryable.SingleOrDefault).Method;

    public static readonly MethodInfo Count = new Func<IQueryable<T>, int>(Queryable.Count).Method;

    public static readonly MethodInfo LongCount = new Func<IQueryable<T>, long>(Queryable.LongCount).Method;

    public static readonly MethodInfo Any = new Func<IQueryable<T>, bool>(Queryable.Any).Method;

    /// <summary><c>source.Where(predicate)</c> as an expression, without making a query object for it.</summary>
    public static MethodCallExpression CallWhere(Expression source, Expression<Func<T, bool>> predicate) =>
        Expression.Call(Where, source, Expression.Quote(predicate));
}
