using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;

namespace Linq.Contract;

/// <summary>
/// Typed JSON columns (<c>[JsonColumn]</c> properties): values are serialized and read with the source-generated
/// <see cref="JsonTypeInfo{T}"/> of the user's <c>JsonSerializerContext</c>, never by reflection. Called by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValues
{
    // Type -> (CLR property name -> name given by [JsonPropertyName], or null for the naming policy's), and the options.
    private static readonly ConcurrentDictionary<Type, (IReadOnlyDictionary<string, string?> Names, JsonSerializerOptions Options)> Members = new();

    /// <summary>
    /// Registers a <c>[JsonColumn]</c> column type: its values become parameters and projections (<see cref="ScalarType"/>), and
    /// its members (and those of the types it nests, in <paramref name="nested"/>) can be filtered on.
    /// </summary>
    /// <param name="typeInfo">The context's metadata of <typeparamref name="T"/>.</param>
    /// <param name="names">Each readable property of <typeparamref name="T"/>: its CLR name and its <c>[JsonPropertyName]</c>, if any.</param>
    /// <param name="nested">The same for the class types reached through those properties.</param>
    public static void Register<T>(JsonTypeInfo<T> typeInfo, (string Property, string? JsonName)[] names, params (Type Type, (string Property, string? JsonName)[] Names)[] nested)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ScalarType.AddJson(typeInfo);
        Members[typeof(T)] = (names.ToDictionary(n => n.Property, n => n.JsonName, StringComparer.Ordinal), typeInfo.Options);
        foreach (var (type, members) in nested)
        {
            Members.TryAdd(type, (members.ToDictionary(n => n.Property, n => n.JsonName, StringComparer.Ordinal), typeInfo.Options));
        }
    }

    /// <summary>The JSON name the serializer writes for property <paramref name="property"/> of <paramref name="type"/>, or null when it is not a serialized member.</summary>
    internal static string? JsonName(Type type, string property)
    {
        if (!Members.TryGetValue(type, out var entry) || !entry.Names.TryGetValue(property, out var explicitName))
        {
            return null;
        }

        return explicitName ?? entry.Options.PropertyNamingPolicy?.ConvertName(property) ?? property;
    }

    /// <summary>Whether <paramref name="type"/> is a registered <c>[JsonColumn]</c> type (or one nested in it).</summary>
    internal static bool IsJsonType(Type type) => Members.ContainsKey(type);

    /// <summary>Reads a non-null jsonb column.</summary>
    public static T Read<T>(NpgsqlDataReader reader, int ordinal, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return JsonSerializer.Deserialize(reader.GetFieldValue<string>(ordinal), typeInfo)
            ?? throw new InvalidOperationException($"The jsonb column at ordinal {ordinal} holds JSON null, which a non-nullable {typeof(T).Name} cannot take.");
    }

    /// <summary>Advances and reads a jsonb value of related-row JSON.</summary>
    public static T Next<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo) => ReadJson(ref JsonColumn.Advance(ref reader), typeInfo);

    /// <summary>Reads the jsonb value at the current token of related-row JSON.</summary>
    public static T ReadJson<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException($"A JSON null cannot be read as a non-nullable {typeof(T).Name}.");

    /// <summary>The JSON text written to the column.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);
}
