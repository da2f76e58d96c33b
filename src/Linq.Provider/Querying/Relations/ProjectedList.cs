using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Linq.Querying.Relations;

/// <summary>
/// The collection of a nested select whose elements are neither models (their lists come from the generated metadata)
/// nor values of <see cref="Contract.ScalarType"/>: anonymous types and the program's own classes, as in
/// <c>u.Posts.Select(p =&gt; new { p.Title }).ToList()</c>. The elements are read boxed and put into the collection type
/// the query's own expression tree names: <c>ToArray()</c>'s closed <c>X[]</c> is filled as it is; for <c>ToList()</c> (and a
/// bare <c>IEnumerable&lt;X&gt;</c>) an <c>X[]</c> of the selector's type is handed to the query's own closed <c>ToList&lt;X&gt;</c>
/// (NativeAOT keeps the methods an expression tree names invocable). No generic type or method is closed here.
/// </summary>
internal static class ProjectedList
{
    // Taken from expression trees (ldtoken), not looked up by name: NativeAOT keeps them invocable by the interpreter.
    private static readonly MethodInfo FillArrayMethod =
        ((MethodCallExpression)((Expression<Func<Type, List<object?>, Array>>)((t, i) => FillArray(t, i))).Body).Method;

    private static readonly MethodInfo ElementArrayMethod =
        ((MethodCallExpression)((Expression<Func<Type, List<object?>, Array>>)((t, i) => ElementArray(t, i))).Body).Method;

    /// <summary>
    /// <paramref name="boxed"/> (a <c>List&lt;object?&gt;</c> of <paramref name="elementType"/> elements) as <paramref name="call"/>
    /// returns it (<c>ToList()</c> or <c>ToArray()</c>), or as <paramref name="sequenceType"/> (<c>IEnumerable&lt;X&gt;</c>) when there is no call.
    /// </summary>
    public static Expression Typed(Expression boxed, Type elementType, Type sequenceType, MethodCallExpression? call)
    {
        if (call?.Method.Name == nameof(Enumerable.ToArray))
        {
            return Expression.Convert(Expression.Call(FillArrayMethod, Expression.Constant(call.Type, typeof(Type)), boxed), call.Type);
        }

        var array = Expression.Call(ElementArrayMethod, Expression.Constant(elementType, typeof(Type)), boxed);
        return call is null
            ? Expression.Convert(array, sequenceType)
            : Expression.Call(call.Method, Expression.Convert(array, call.Method.GetParameters()[0].ParameterType));
    }

    // An array of the query's own array type (its ToArray's X[]): nothing is made at run time; the array's indexer unboxes value types.
    private static Array FillArray(Type arrayType, List<object?> items) => Fill(Array.CreateInstanceFromArrayType(arrayType, items.Count), items);

    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode",
        Justification = "Only for the elements of a nested select that are neither models nor ScalarType values, ended by ToList() or nothing. "
            + "An array of a reference type shares the code of __Canon[], which NativeAOT builds at run time; a value type is refused below "
            + "when dynamic code is not supported (ToArray() needs no new type). samples/Aot runs both under NativeAOT.")]
    private static Array ElementArray(Type elementType, List<object?> items)
    {
        if (elementType.IsValueType && !RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new NotSupportedException(
                $"A nested select of '{elementType.Name}' values into a list needs code made at run time, which NativeAOT cannot: end it with ToArray(), or select a class, a record or an anonymous type.");
        }

        return Fill(Array.CreateInstance(elementType, items.Count), items);
    }

    private static Array Fill(Array array, List<object?> items)
    {
        IList list = array;
        for (var i = 0; i < items.Count; i++)
        {
            list[i] = items[i];
        }

        return array;
    }
}
