using System.Text.Json;

namespace Linq.Provider.Tests.Models;

/// <summary>
/// Array, jsonb and full-text columns: non-null and nullable arrays (with NULL elements where the element type
/// allows), a nullable document and a non-null element, and two full-text indexes with different configurations.
/// </summary>
[Model]
public partial class Entry
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int RackId { get; set; }
    [Relation(nameof(RackId))] public Rack? Rack { get; set; }
    [FullTextIndex("english")] public required string Title { get; set; }
    [FullTextIndex] public string? Body { get; set; }
    public required string[] Tags { get; set; }
    public string[]? Labels { get; set; }
    public required int[] Scores { get; set; }
    public int?[]? Ranks { get; set; }
    public JsonDocument? Meta { get; set; }
    public JsonElement Data { get; set; }
}
