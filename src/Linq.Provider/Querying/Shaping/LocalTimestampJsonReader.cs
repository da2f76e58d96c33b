using System.Text.Json;
using Linq.Contract;

namespace Linq.Querying.Shaping;

/// <summary>
/// A projected <c>timestamp without time zone</c> column in related-row JSON: read as the stored wall-clock time of kind
/// <see cref="DateTimeKind.Unspecified"/> (the <c>DateTime</c> scalar reader would take it for UTC).
/// </summary>
internal sealed class LocalTimestampJsonReader : JsonValueReader
{
    public override object? Read(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonColumn.ReadLocalDateTime(ref reader);
}
