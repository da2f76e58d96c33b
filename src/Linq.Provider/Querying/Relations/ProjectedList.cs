using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Linq.Querying.Relations;

/// <summary>
/// The list of a nested select whose elements are neither models (their lists come from the generated metadata) nor
/// values of <see cref="Contract.ScalarType"/>: anonymous types and the program's own classes, as in
/// <c>u.Posts.Select(p =&gt; new { p.Title }).ToList()</c>. Such a type appears only in the query's expression tree, so
/// no compiled code names <c>List&lt;T&gt;</c> of it. This is the one place the runtime makes a generic type; it never
/// sees a model type (see <see cref="Shaping.ListJsonReader.ListFactory"/>).
/// </summary>
internal static class ProjectedList
{
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode",
        Justification = "Only reached for element types that are not models or ScalarType values. For a reference type, List<T> shares the code "
            + "compiled for List<__Canon>, which NativeAOT always has, and its type is built at run time; a value type is refused below "
            + "when dynamic code is not supported. samples/Aot runs a nested select of an anonymous type under NativeAOT.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072:UnrecognizedReflectionPattern",
        Justification = "List<T> has a public parameterless constructor, kept with the List<__Canon> code every program contains.")]
    public static Func<int, IList> Factory(Type elementType)
    {
        if (elementType.IsValueType && !RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new NotSupportedException(
                $"A nested select of '{elementType.Name}' values needs code made at run time, which NativeAOT cannot: project a class, a record or an anonymous type instead of a struct.");
        }

        var listType = typeof(List<>).MakeGenericType(elementType);
        return _ => (IList)Activator.CreateInstance(listType)!;
    }
}
