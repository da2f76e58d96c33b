using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Linq.Contract;

namespace Linq.Querying.Shaping;

/// <summary>Boxed readers of projected scalars in related-row JSON, one per CLR type, built once.</summary>
internal static class ScalarReaders
{
    public delegate object? Read(ref Utf8JsonReader reader);

    private static readonly ConcurrentDictionary<Type, Read> Cache = new();

    public static Read For(Type type) => Cache.GetOrAdd(Nullable.GetUnderlyingType(type) ?? type, Create);

    private static Read Create(Type type)
    {
        if (type == typeof(int)) return static (ref Utf8JsonReader r) => JsonColumn.ReadInt32(ref r);
        if (type == typeof(long)) return static (ref Utf8JsonReader r) => JsonColumn.ReadInt64(ref r);
        if (type == typeof(short)) return static (ref Utf8JsonReader r) => JsonColumn.ReadInt16(ref r);
        if (type == typeof(bool)) return static (ref Utf8JsonReader r) => JsonColumn.ReadBoolean(ref r);
        if (type == typeof(string)) return static (ref Utf8JsonReader r) => JsonColumn.ReadString(ref r);
        if (type == typeof(decimal)) return static (ref Utf8JsonReader r) => JsonColumn.ReadDecimal(ref r);
        if (type == typeof(double)) return static (ref Utf8JsonReader r) => JsonColumn.ReadDouble(ref r);
        if (type == typeof(float)) return static (ref Utf8JsonReader r) => JsonColumn.ReadSingle(ref r);
        if (type == typeof(Guid)) return static (ref Utf8JsonReader r) => JsonColumn.ReadGuid(ref r);
        if (type == typeof(DateTime)) return static (ref Utf8JsonReader r) => JsonColumn.ReadDateTime(ref r);
        if (type == typeof(DateTimeOffset)) return static (ref Utf8JsonReader r) => JsonColumn.ReadDateTimeOffset(ref r);
        if (type == typeof(DateOnly)) return static (ref Utf8JsonReader r) => JsonColumn.ReadDateOnly(ref r);
        if (type == typeof(TimeOnly)) return static (ref Utf8JsonReader r) => JsonColumn.ReadTimeOnly(ref r);
        if (type == typeof(byte[])) return static (ref Utf8JsonReader r) => JsonColumn.ReadBytes(ref r);
        if (type == typeof(JsonDocument)) return static (ref Utf8JsonReader r) => JsonColumn.ReadJsonDocument(ref r);
        if (type == typeof(JsonElement)) return static (ref Utf8JsonReader r) => JsonColumn.ReadJsonElement(ref r);
        if (type.IsEnum)
        {
            return Generic(nameof(EnumBoxed), type);
        }

        if (type.IsArray && type.GetElementType() is { } element && element != typeof(byte))
        {
            var elementRead = For(element);
            JsonColumn.ElementReader<object?> readElement = (ref Utf8JsonReader e) => elementRead(ref e);
            var toTyped = typeof(ScalarReaders).GetMethod(nameof(ToTypedArray), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(element).CreateDelegate<Func<object?[], object>>();
            return (ref Utf8JsonReader r) => toTyped(JsonColumn.ReadArray(ref r, readElement));
        }

        throw new NotSupportedException($"Values of type '{type.Name}' cannot be read from related-row JSON.");
    }

    private static Read Generic(string name, Type type) =>
        typeof(ScalarReaders).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).CreateDelegate<Read>();

    private static object? EnumBoxed<T>(ref Utf8JsonReader reader) where T : struct, Enum => JsonColumn.ReadEnum<T>(ref reader);

    // Array elements arrive boxed from the element reader; copy them into the typed array the projection expects.
    private static object ToTypedArray<T>(object?[] items) => items.Select(i => i is null ? default! : (T)i).ToArray();
}
