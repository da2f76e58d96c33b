using Linq.Contract;

namespace Linq.Execution;

/// <summary>Turns any captured collection (List, HashSet, IEnumerable) into the typed array Npgsql sends as one parameter.</summary>
internal static class ArrayConverter
{
    public static Func<object?, object?> For(Type elementType) => ScalarType.Get(elementType).ToArrayParameter;

    /// <summary>The type of the arrays <see cref="For"/> returns (<c>T[]</c>).</summary>
    public static Type ArrayType(Type elementType) => ScalarType.Get(elementType).ArrayClrType;

    /// <summary>A typed array from boxed values (keys collected from loaded rows).</summary>
    public static Array FromObjects(Type elementType, IEnumerable<object?> values) => ScalarType.Get(elementType).ToArray(values);
}
