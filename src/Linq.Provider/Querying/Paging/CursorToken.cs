using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Linq.Querying.Paging;

/// <summary>
/// The opaque page token: base64url of the key values of the page's last row, with a checksum over the values
/// and the ordering they belong to. A token from another query (other ordering or model), or one that was
/// edited, fails the checksum and is an <see cref="ArgumentException"/> before any SQL runs. The token is not
/// encrypted: the key values can be read by whoever holds it.
/// </summary>
internal static class CursorToken
{
    public static string Encode(string signature, IReadOnlyList<object?> keys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var key in keys)
            {
                WriteValue(json, key);
            }

            json.WriteEndArray();
        }

        var payload = buffer.ToArray();
        var checksum = Checksum(signature, payload);
        return Base64Url.EncodeToString([.. checksum, .. payload]);
    }

    /// <summary>The key values, converted to the given types; <see cref="ArgumentException"/> for anything else.</summary>
    public static object?[] Decode(string token, string signature, IReadOnlyList<Type> types)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Checksum(signature, bytes.AsSpan(8))))
        {
            throw Invalid();
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(8));
            var items = document.RootElement;
            if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() != types.Count)
            {
                throw Invalid();
            }

            var values = new object?[types.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ReadValue(items[i], types[i]);
            }

            return values;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw Invalid();
        }
    }

    private static ArgumentException Invalid() =>
        new("The page cursor is not valid for this query: it was changed, or it comes from a query with another ordering or model.", "after");

    private static byte[] Checksum(string signature, ReadOnlySpan<byte> payload)
    {
        var signatureBytes = Encoding.UTF8.GetBytes(signature);
        var data = new byte[signatureBytes.Length + payload.Length];
        signatureBytes.CopyTo(data, 0);
        payload.CopyTo(data.AsSpan(signatureBytes.Length));
        return SHA256.HashData(data)[..8];
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            // A timestamp without time zone key (Unspecified) keeps its wall-clock time and kind; others travel as UTC ("Z").
            case DateTime dateTime:
                json.WriteStringValue((dateTime.Kind == DateTimeKind.Unspecified ? dateTime : dateTime.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset offset: json.WriteStringValue(offset.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly date: json.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: json.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case Guid guid: json.WriteStringValue(guid); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            case double d: json.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case float f: json.WriteStringValue(f.ToString("R", CultureInfo.InvariantCulture)); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case IFormattable formattable: json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: throw new NotSupportedException($"A page key of type '{value.GetType().Name}' cannot be put in a cursor.");
        }
    }

    private static object ReadValue(JsonElement element, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return element.GetBoolean();
        }

        var text = element.GetString() ?? throw new FormatException();
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(int) => int.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(long) => long.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(short) => short.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(decimal) => decimal.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(double) => double.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(float) => float.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(Guid) => Guid.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(DateTime) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(DateOnly) => DateOnly.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(TimeOnly) => TimeOnly.Parse(text, CultureInfo.InvariantCulture),
            _ when type.IsEnum => Enum.Parse(type, text),
            _ => throw new FormatException(),
        };
    }
}
