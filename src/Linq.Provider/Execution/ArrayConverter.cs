using System.Collections.Concurrent;
using System.Reflection;

namespace Linq.Execution;

/// <summary>Turns any captured collection (List, HashSet, IEnumerable) into the typed array Npgsql sends as one parameter.</summary>
internal static class ArrayConverter
{
    private static readonly ConcurrentDictionary<Type, Func<object?, object?>> Converters = new();

    public static Func<object?, object?> For(Type elementType) =>
        Converters.GetOrAdd(elementType, static t => typeof(ArrayConverter).GetMethod(nameof(ToArray), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<Func<object?, object?>>());

    private static readonly ConcurrentDictionary<Type, Func<IEnumerable<object?>, Array>> FromObjectConverters = new();

    /// <summary>A typed array from boxed values (keys collected from loaded rows).</summary>
    public static Array FromObjects(Type elementType, IEnumerable<object?> values) =>
        FromObjectConverters.GetOrAdd(elementType, static t => typeof(ArrayConverter).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<Func<IEnumerable<object?>, Array>>())(values);

    private static Array Typed<T>(IEnumerable<object?> values) => values.Select(v => v is null ? default! : (T)v).ToArray();

    private static object? ToArray<T>(object? value) => value switch
    {
        null => null,
        T[] array => array,
        IEnumerable<T> sequence => sequence.ToArray(),
        _ => throw new InvalidOperationException($"A {value.GetType().Name} cannot be sent as an array of {typeof(T).Name}."),
    };
}
