using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Relations;

/// <summary>
/// The list of a nested select whose elements are neither models (their lists come from the generated metadata) nor
/// values of <see cref="Contract.ScalarType"/>: anonymous types and the program's own classes, as in
/// <c>u.Posts.Select(p =&gt; new { p.Title }).ToList()</c>. The elements are read boxed; the typed collection comes from the
/// query's own <c>ToList()</c>/<c>ToArray()</c> call, whose closed return type (<c>List&lt;X&gt;</c>, <c>X[]</c>) the C#
/// compiler put in the expression tree: no generic type or method is closed at run time.
/// </summary>
internal static class ProjectedList
{
    // Taken from expression trees (ldtoken), not looked up by name: NativeAOT keeps them invocable by the interpreter.
    private static readonly MethodInfo ToArrayMethod =
        ((MethodCallExpression)((Expression<Func<Type, List<object?>, Array>>)((t, i) => ToArray(t, i))).Body).Method;

    private static readonly MethodInfo FillMethod =
        ((MethodCallExpression)((Expression<Func<IList, List<object?>, IList>>)((l, i) => Fill(l, i))).Body).Method;

    /// <summary>
    /// The typed collection of <paramref name="boxed"/> (a <c>List&lt;object?&gt;</c> of elements) that <paramref name="call"/>
    /// returns: <c>ToArray()</c> fills an array of the call's type, <c>ToList()</c> a new list of the call's type.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072:UnrecognizedReflectionPattern",
        Justification = "The type is the List<X> that the query's own ToList<X>() returns (the C# compiler roots it with the call's method "
            + "token); its public parameterless constructor is part of List<T>. samples/Aot runs a nested select of an anonymous type under NativeAOT.")]
    public static Expression Typed(Expression boxed, MethodCallExpression call) =>
        call.Method.Name == nameof(Enumerable.ToArray)
            ? Expression.Convert(Expression.Call(ToArrayMethod, Expression.Constant(call.Type, typeof(Type)), boxed), call.Type)
            : Expression.Convert(Expression.Call(FillMethod, Expression.Convert(Expression.New(call.Type), typeof(IList)), boxed), call.Type);

    // An array of an existing array type (the query's X[]) needs no code made at run time; Array.Copy unboxes value types.
    private static Array ToArray(Type arrayType, List<object?> items)
    {
        var array = Array.CreateInstanceFromArrayType(arrayType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        return array;
    }

    private static IList Fill(IList list, List<object?> items)
    {
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
