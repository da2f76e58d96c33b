using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Linq.Contract;

/// <summary>
/// Reads column values from the JSON PostgreSQL builds for related rows (<c>json_build_array</c> inside
/// <c>json_agg</c>), exactly: numbers are read from their text (a <c>bigint</c> at its extremes and a 28-digit
/// <c>numeric</c> survive, unlike a JavaScript client), timestamps keep their microseconds, <c>bytea</c> comes
/// as <c>\x</c> hex. Used by generated materializers; each <c>Next…</c> advances to the next value first.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class JsonColumn
{
    /// <summary>Advances to the next value and says whether it is JSON null.</summary>
    public static bool NextIsNull(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Advances and reads an <c>integer</c>.</summary>
    public static int NextInt32(ref Utf8JsonReader reader) => Advance(ref reader).GetInt32();

    /// <summary>Reads an <c>integer</c> at the current token.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader) => reader.GetInt32();

    /// <summary>Advances and reads a <c>bigint</c>.</summary>
    public static long NextInt64(ref Utf8JsonReader reader) => Advance(ref reader).GetInt64();

    /// <summary>Reads a <c>bigint</c> at the current token.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader) => reader.GetInt64();

    /// <summary>Advances and reads a <c>smallint</c>.</summary>
    public static short NextInt16(ref Utf8JsonReader reader) => Advance(ref reader).GetInt16();

    /// <summary>Reads a <c>smallint</c> at the current token.</summary>
    public static short ReadInt16(ref Utf8JsonReader reader) => reader.GetInt16();

    /// <summary>Advances and reads a <c>boolean</c>.</summary>
    public static bool NextBoolean(ref Utf8JsonReader reader) => Advance(ref reader).GetBoolean();

    /// <summary>Reads a <c>boolean</c> at the current token.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.GetBoolean();

    /// <summary>Advances and reads <c>text</c>.</summary>
    public static string NextString(ref Utf8JsonReader reader) => Advance(ref reader).GetString()!;

    /// <summary>Reads <c>text</c> at the current token.</summary>
    public static string ReadString(ref Utf8JsonReader reader) => reader.GetString()!;

    /// <summary>Advances and reads a <c>numeric</c>.</summary>
    public static decimal NextDecimal(ref Utf8JsonReader reader) => ReadDecimal(ref Advance(ref reader));

    /// <summary>Reads a <c>numeric</c> at the current token (from its digits, so nothing is lost).</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TryGetDecimal(out var value))
        {
            return value;
        }

        // Exponent forms or more digits than decimal holds: parse the text the way Npgsql does for numeric.
        return decimal.Parse(Text(ref reader), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Advances and reads a <c>double precision</c> (NaN and infinities arrive as strings).</summary>
    public static double NextDouble(ref Utf8JsonReader reader) => ReadDouble(ref Advance(ref reader));

    /// <summary>Reads a <c>double precision</c> at the current token.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? double.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetDouble();

    /// <summary>Advances and reads a <c>real</c>.</summary>
    public static float NextSingle(ref Utf8JsonReader reader) => ReadSingle(ref Advance(ref reader));

    /// <summary>Reads a <c>real</c> at the current token.</summary>
    public static float ReadSingle(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? float.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetSingle();

    /// <summary>Advances and reads a <c>uuid</c>.</summary>
    public static Guid NextGuid(ref Utf8JsonReader reader) => Advance(ref reader).GetGuid();

    /// <summary>Reads a <c>uuid</c> at the current token.</summary>
    public static Guid ReadGuid(ref Utf8JsonReader reader) => reader.GetGuid();

    /// <summary>Advances and reads a <c>timestamptz</c> as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime NextDateTime(ref Utf8JsonReader reader) => ReadDateTime(ref Advance(ref reader));

    /// <summary>Reads a <c>timestamptz</c> at the current token as a UTC <see cref="DateTime"/> (infinities as Min/MaxValue, as Npgsql does).</summary>
    public static DateTime ReadDateTime(ref Utf8JsonReader reader)
    {
        // The SQL writes timestamps in UTC without an offset; a value with an offset is converted.
        if (reader.TryGetDateTime(out var value))
        {
            return value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        }

        return Text(ref reader) switch
        {
            "infinity" => DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            "-infinity" => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            var text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        };
    }

    /// <summary>Advances and reads a <c>timestamptz</c> as a <see cref="DateTimeOffset"/> with offset zero.</summary>
    public static DateTimeOffset NextDateTimeOffset(ref Utf8JsonReader reader) => ReadDateTimeOffset(ref Advance(ref reader));

    /// <summary>Reads a <c>timestamptz</c> at the current token as a <see cref="DateTimeOffset"/> with offset zero.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader)
    {
        var value = ReadDateTime(ref reader);
        return value == DateTime.MaxValue ? DateTimeOffset.MaxValue : value == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(value, TimeSpan.Zero);
    }

    /// <summary>Advances and reads a <c>date</c>.</summary>
    public static DateOnly NextDateOnly(ref Utf8JsonReader reader) => ReadDateOnly(ref Advance(ref reader));

    /// <summary>Reads a <c>date</c> at the current token.</summary>
    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader) => Text(ref reader) switch
    {
        "infinity" => DateOnly.MaxValue,
        "-infinity" => DateOnly.MinValue,
        var text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Advances and reads a <c>time</c>.</summary>
    public static TimeOnly NextTimeOnly(ref Utf8JsonReader reader) => ReadTimeOnly(ref Advance(ref reader));

    /// <summary>Reads a <c>time</c> at the current token.</summary>
    public static TimeOnly ReadTimeOnly(ref Utf8JsonReader reader) => TimeOnly.FromTimeSpan(TimeSpan.Parse(Text(ref reader), CultureInfo.InvariantCulture));

    /// <summary>Advances and reads a <c>bytea</c>.</summary>
    public static byte[] NextBytes(ref Utf8JsonReader reader) => ReadBytes(ref Advance(ref reader));

    /// <summary>Reads a <c>bytea</c> at the current token (<c>"\x0a1b…"</c>).</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        var text = Text(ref reader);
        return text.StartsWith(@"\x", StringComparison.Ordinal)
            ? Convert.FromHexString(text.AsSpan(2))
            : throw new FormatException("A bytea value in JSON must use the hex format (bytea_output = 'hex').");
    }

    /// <summary>Advances and reads an enum label.</summary>
    public static TEnum NextEnum<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, Enum => ReadEnum<TEnum>(ref Advance(ref reader));

    /// <summary>Reads an enum label at the current token (the <c>[Map]</c> label where a member has one).</summary>
    public static TEnum ReadEnum<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, Enum => EnumMetadata.LabelTable<TEnum>.Parse(Text(ref reader));

    /// <summary>Advances and reads a <c>jsonb</c> value as a document.</summary>
    public static JsonDocument NextJsonDocument(ref Utf8JsonReader reader) => JsonDocument.ParseValue(ref Advance(ref reader));

    /// <summary>Reads a <c>jsonb</c> value at the current token as a document.</summary>
    public static JsonDocument ReadJsonDocument(ref Utf8JsonReader reader) => JsonDocument.ParseValue(ref reader);

    /// <summary>Advances and reads a <c>jsonb</c> value as an element.</summary>
    public static JsonElement NextJsonElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref Advance(ref reader));

    /// <summary>Reads a <c>jsonb</c> value at the current token as an element.</summary>
    public static JsonElement ReadJsonElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads one element of an array column.</summary>
    public delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    /// <summary>Advances and reads an array column (<c>text[]</c>, <c>integer[]</c>, …).</summary>
    public static T[] NextArray<T>(ref Utf8JsonReader reader, ElementReader<T> element) => ReadArray(ref Advance(ref reader), element);

    /// <summary>Reads an array column at the current token.</summary>
    public static T[] ReadArray<T>(ref Utf8JsonReader reader, ElementReader<T> element)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a JSON array for an array column.");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? default! : element(ref reader));
        }

        return [.. items];
    }

    /// <summary>Advances past the current value to the next token; throws at the end of the input.</summary>
    public static ref Utf8JsonReader Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The related rows' JSON ended early.");
        }

        return ref reader;
    }

    private static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
}
