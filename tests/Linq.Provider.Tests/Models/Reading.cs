using System.Text.Json;

namespace Linq.Provider.Tests.Models;

/// <summary>Children of <see cref="TypeSample"/> with values that lose precision in naive JSON: they must survive relation loading.</summary>
[Model]
public partial class Reading
{
    [Id, AutoIncrement] public long Id { get; set; }
    public long SampleId { get; set; }
    [Relation(nameof(SampleId))] public TypeSample? Sample { get; set; }
    public long Long { get; set; }
    public decimal Decimal { get; set; }
    public double Double { get; set; }
    public float Float { get; set; }
    public DateTime At { get; set; }
    public DateTimeOffset Offset { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Time { get; set; }
    public Guid Guid { get; set; }
    public byte[]? Bytes { get; set; }
    public Mood Mood { get; set; }
    public Mood? MoodN { get; set; }
    public string? Note { get; set; }
    public int[]? Numbers { get; set; }
    public string[]? Tags { get; set; }
    public JsonDocument? Json { get; set; }
    public bool Flag { get; set; }
    public short Short { get; set; }
}
