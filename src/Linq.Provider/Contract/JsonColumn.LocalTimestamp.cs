using System.Globalization;
using System.Text.Json;

namespace Linq.Contract;

/// <content>The readers of <c>timestamp without time zone</c> and <c>xid</c> (<c>[RowVersion]</c>) values.</content>
public static partial class JsonColumn
{
    /// <summary>Advances and reads a <c>timestamp</c> (without time zone) as a <see cref="DateTimeKind.Unspecified"/> <see cref="DateTime"/>.</summary>
    public static DateTime NextLocalDateTime(ref Utf8JsonReader reader) => ReadLocalDateTime(ref Advance(ref reader));

    /// <summary>
    /// Reads a <c>timestamp</c> (without time zone) at the current token: the wall-clock time as stored, of kind
    /// <see cref="DateTimeKind.Unspecified"/>, as Npgsql reads the column (infinities as Min/MaxValue).
    /// </summary>
    public static DateTime ReadLocalDateTime(ref Utf8JsonReader reader) => Text(ref reader) switch
    {
        "infinity" => DateTime.MaxValue,
        "-infinity" => DateTime.MinValue,
        var text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), DateTimeKind.Unspecified),
    };

    /// <summary>Advances and reads an <c>xid</c> (PostgreSQL writes it as a JSON string).</summary>
    public static uint NextUInt32(ref Utf8JsonReader reader) => ReadUInt32(ref Advance(ref reader));

    /// <summary>Reads an <c>xid</c> or other unsigned 32-bit number at the current token.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? uint.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetUInt32();
}
