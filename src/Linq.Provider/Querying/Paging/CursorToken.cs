using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Linq.Querying.Paging;

/// <summary>
/// The opaque page token: base64url of an HMAC-SHA256 tag (128 bits) and the key values of the page's last row.
/// The tag covers the values and the ordering they belong to and is keyed with <see cref="LinqDatabaseOptions.PageTokenKey"/>
/// (or a random per-process key), so a token cannot be forged or edited without the key, and a token from another
/// query (other ordering or model) fails it: an <see cref="ArgumentException"/> before any SQL runs. Decoded
/// values are checked against their column types as well, so even a token signed with a leaked key cannot make
/// a statement fail in an unexpected way. The token is not encrypted: the key values can be read by whoever holds it.
/// </summary>
internal sealed class CursorToken
{
    private const int TagLength = 16;

    // The process's key (see ProcessKey) for clients without a configured key.
    private static readonly CursorToken ProcessWide = new(null);

    // Null: the process's key, made on the first token (not when the first client is created: it loads the crypto stack).
    private readonly byte[]? _key;

    private CursorToken(byte[]? key) => _key = key;

    /// <summary>The codec for a client: the configured key, or the process's random key when none is set.</summary>
    /// <exception cref="ArgumentException">The configured key is shorter than 32 characters.</exception>
    public static CursorToken For(LinqDatabaseOptions options)
    {
        if (options.PageTokenKey is not { } key)
        {
            return ProcessWide;
        }

        if (key.Length < 32)
        {
            // Never echo the key: the message names the option, not its value.
            throw new ArgumentException("LinqDatabaseOptions.PageTokenKey must be at least 32 characters long.", nameof(options));
        }

        return new CursorToken(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public string Encode(string signature, IReadOnlyList<object?> keys)
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
        var tag = Tag(signature, payload);
        return Base64Url.EncodeToString([.. tag, .. payload]);
    }

    /// <summary>The key values, converted to the given types; <see cref="ArgumentException"/> for anything else.</summary>
    public object?[] Decode(string token, string signature, IReadOnlyList<Type> types)
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

        if (bytes.Length < TagLength || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, TagLength), Tag(signature, bytes.AsSpan(TagLength))))
        {
            throw Invalid();
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(TagLength));
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
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw Invalid();
        }
    }

    private static ArgumentException Invalid() =>
        new("The page cursor is not valid for this query: it was changed, or it comes from a query with another ordering or model.", "after");

    internal byte[] Tag(string signature, ReadOnlySpan<byte> payload)
    {
        // The signature is length-prefixed so that no (signature, payload) pair can be re-split into another.
        var signatureBytes = Encoding.UTF8.GetBytes(signature);
        var data = new byte[4 + signatureBytes.Length + payload.Length];
        BitConverter.TryWriteBytes(data.AsSpan(0, 4), signatureBytes.Length);
        signatureBytes.CopyTo(data, 4);
        payload.CopyTo(data.AsSpan(4 + signatureBytes.Length));
        return HMACSHA256.HashData(_key ?? ProcessKey.Value, data)[..TagLength];
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
            _ when type == typeof(string) => IsStorableText(text) ? text : throw new FormatException(),
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
            _ when type.IsEnum => ParseEnum(type, text),
            _ => throw new FormatException(),
        };
    }

    // Only a member's name: Enum.Parse also takes numbers and comma lists, which name no stored value.
    private static object ParseEnum(Type type, string text)
    {
        if (text.Length == 0 || !char.IsLetter(text[0]) && text[0] != '_' || text.Contains(','))
        {
            throw new FormatException();
        }

        var value = Enum.Parse(type, text);
        return Enum.IsDefined(type, value) ? value : throw new FormatException();
    }

    // PostgreSQL text holds neither NUL nor unpaired UTF-16 surrogates.
    private static bool IsStorableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // Shared by every client of the process without a configured key, so tokens survive re-creating a client.
    private static class ProcessKey
    {
        public static readonly byte[] Value = RandomNumberGenerator.GetBytes(32);
    }
}
