using System.Buffers;
using System.Text.Json;
using Linq.Contract;
using Npgsql;

namespace Linq.Querying.Shaping;

/// <summary>Reads a lateral sub-select's JSON column straight from the row's bytes (no string, no JsonSerializer).</summary>
internal static class RelationJson
{
    public static object? ReadColumn(NpgsqlDataReader reader, int ordinal, JsonValueReader json)
    {
        if (reader.IsDBNull(ordinal))
        {
            return json.Missing();
        }

        using var stream = reader.GetStream(ordinal);
        var length = checked((int)stream.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.ReadExactly(buffer, 0, length);
            var jsonReader = new Utf8JsonReader(buffer.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 256 });
            JsonColumn.Advance(ref jsonReader);
            return json.Read(ref jsonReader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static System.Collections.IList FromColumnArrays(NpgsqlDataReader reader, int ordinal, ModelMetadata target)
    {
        var columns = target.ReadColumnArraysObject(reader, ordinal);
        var count = columns.Length == 0 ? 0 : columns[0].Length;
        var list = target.CreateObjectList(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(target.MaterializeFromArraysObject(columns, i));
        }

        return list;
    }

    /// <summary>Sets the relations loaded with a top-level entity from their lateral columns.</summary>
    public static object? Apply(object? entity, NpgsqlDataReader reader, IncludeColumn[] includes)
    {
        if (entity is null)
        {
            return entity;
        }

        foreach (var include in includes)
        {
            include.Relation.Setter!(entity, include.Reader is null
                ? FromColumnArrays(reader, include.Ordinal, include.Relation.Target)
                : ReadColumn(reader, include.Ordinal, include.Reader));
        }

        return entity;
    }
}

/// <summary>A loaded relation of a top-level entity: the navigation, its first lateral column and the JSON reader (null: column arrays).</summary>
internal sealed record IncludeColumn(RelationMetadata Relation, int Ordinal, JsonValueReader? Reader);
