namespace Linq.Provider.Tests.Models;

/// <summary>The write fuzzer's leaf: an optional relation to <see cref="FuzzItem"/> and a unique label.</summary>
[Model]
public partial class FuzzPart
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Label { get; set; }
    public int? ItemId { get; set; }
    [Relation(nameof(ItemId))] public FuzzItem? Item { get; set; }
    public long Weight { get; set; }
}
