using System.Text.Json;

namespace Linq.Provider.Tests.Models;

/// <summary>One column of every mapped type, plain and nullable.</summary>
[Model]
public partial class TypeSample
{
    [Id, AutoIncrement] public long Id { get; set; }
    public int Int { get; set; }
    public int? IntN { get; set; }
    public long Long { get; set; }
    public long? LongN { get; set; }
    public short Short { get; set; }
    public short? ShortN { get; set; }
    public bool Bool { get; set; }
    public bool? BoolN { get; set; }
    public required string Text { get; set; }
    public string? TextN { get; set; }
    public decimal Decimal { get; set; }
    public decimal? DecimalN { get; set; }
    public double Double { get; set; }
    public double? DoubleN { get; set; }
    public float Float { get; set; }
    public float? FloatN { get; set; }
    public Guid Guid { get; set; }
    public Guid? GuidN { get; set; }
    public DateTime Timestamp { get; set; }
    public DateTime? TimestampN { get; set; }
    public DateTimeOffset Offset { get; set; }
    public DateTimeOffset? OffsetN { get; set; }
    public DateOnly Date { get; set; }
    public DateOnly? DateN { get; set; }
    public TimeOnly Time { get; set; }
    public TimeOnly? TimeN { get; set; }
    public required byte[] Bytes { get; set; }
    public byte[]? BytesN { get; set; }
    public Mood Mood { get; set; }
    public Mood? MoodN { get; set; }
    public required string[] Tags { get; set; }
    public string[]? TagsN { get; set; }
    public required int[] Numbers { get; set; }
    public int[]? NumbersN { get; set; }
    public required JsonDocument Json { get; set; }
    public JsonDocument? JsonN { get; set; }
    public JsonElement Element { get; set; }
    public JsonElement? ElementN { get; set; }
    public List<Reading> Readings { get; set; } = [];
}
