using System.Collections;
using System.Text.Json;
using Linq.Contract;
using Linq.Querying.Relations;

namespace Linq.Querying.Shaping;

/// <summary>
/// Reads one value of related-row JSON: a scalar, an entity with its loaded relations, a list, or a projected
/// element. Composed per plan (once, on a cache miss) and reused by every execution.
/// </summary>
internal abstract class JsonValueReader
{
    /// <summary>Reads the value at the reader's current token.</summary>
    public abstract object? Read(ref Utf8JsonReader reader);

    /// <summary>The value when the lateral sub-select produced no row (SQL NULL): null, or an empty list for collections.</summary>
    public virtual object? Missing() => null;

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Related-row JSON: expected {token}, found {reader.TokenType}.");
        }
    }
}

/// <summary>A scalar of a known CLR type.</summary>
internal sealed class ScalarJsonReader(Type type) : JsonValueReader
{
    private readonly ScalarReaders.Read _read = ScalarReaders.For(type);

    public override object? Read(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : _read(ref reader);
}

/// <summary>An entity (its columns through the generated reader), then the relations loaded with it.</summary>
internal sealed class EntityJsonReader(ModelMetadata model, IReadOnlyList<(RelationMetadata Relation, JsonValueReader Reader)> includes) : JsonValueReader
{
    public override object? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var entity = model.MaterializeJsonObject(ref reader);
        foreach (var (relation, child) in includes)
        {
            JsonColumn.Advance(ref reader);
            relation.Setter!(entity, child.Read(ref reader));
        }

        JsonColumn.Advance(ref reader);
        Expect(ref reader, JsonTokenType.EndArray);
        return entity;
    }
}

/// <summary>A JSON array of elements; an empty or missing array is an empty list, never null.</summary>
internal sealed class ListJsonReader(JsonValueReader element, Func<int, IList> createList) : JsonValueReader
{
    public override object? Missing() => createList(0);

    public override object? Read(ref Utf8JsonReader reader)
    {
        var list = createList(0);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return list;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (JsonColumn.Advance(ref reader).TokenType != JsonTokenType.EndArray)
        {
            list.Add(element.Read(ref reader));
        }

        return list;
    }

    /// <summary>
    /// The list a nested select's elements go into: a model's list from its generated metadata, a value's from the
    /// closed table of <see cref="ScalarType"/>; otherwise (anonymous types, the program's own classes) a list of boxed
    /// elements, which the shaper turns into the query's own list type (see <see cref="ProjectedList"/>).
    /// </summary>
    public static (Func<int, IList> Create, bool Boxed) ListFactory(Type elementType, DatabaseModel model)
    {
        if (model.Find(elementType) is { } target)
        {
            return (target.CreateObjectList, false);
        }

        return ScalarType.Find(elementType) is { } value ? (value.CreateList, false) : (static capacity => new List<object?>(capacity), true);
    }
}

/// <summary>
/// First/FirstOrDefault/Single/SingleOrDefault of a related collection: its JSON array holds at most one element (two for
/// Single, to tell that there are more), read with LINQ-to-Objects' outcomes: the element, the default, or the same exceptions.
/// </summary>
internal sealed class FirstJsonReader(JsonValueReader element, bool orDefault, bool single, object? defaultValue) : JsonValueReader
{
    public override object? Missing() => orDefault ? defaultValue : throw new InvalidOperationException("Sequence contains no elements");

    public override object? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Missing();
        }

        Expect(ref reader, JsonTokenType.StartArray);
        if (JsonColumn.Advance(ref reader).TokenType == JsonTokenType.EndArray)
        {
            return Missing();
        }

        var value = element.Read(ref reader);
        if (JsonColumn.Advance(ref reader).TokenType != JsonTokenType.EndArray)
        {
            if (single)
            {
                throw new InvalidOperationException("Sequence contains more than one element");
            }

            throw new JsonException("Related-row JSON: expected one element.");
        }

        return value;
    }
}

/// <summary>A projected element: a JSON array of slots, turned into the element by a compiled constructor.</summary>
internal sealed class ProjectionJsonReader(IReadOnlyList<JsonValueReader> slots, Func<object?[], object?> build) : JsonValueReader
{
    public override object? Read(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new object?[slots.Count];
        for (var i = 0; i < values.Length; i++)
        {
            JsonColumn.Advance(ref reader);
            values[i] = slots[i].Read(ref reader);
        }

        JsonColumn.Advance(ref reader);
        Expect(ref reader, JsonTokenType.EndArray);
        return build(values);
    }
}
