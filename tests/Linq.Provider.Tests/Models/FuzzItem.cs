namespace Linq.Provider.Tests.Models;

/// <summary>
/// The write fuzzer's middle level: a required relation to <see cref="FuzzOwner"/>, a composite unique key that
/// includes the foreign key, a decimal with and one without <c>[Precision]</c>, nullable columns and optional children.
/// </summary>
[Model]
[Unique(nameof(OwnerId), nameof(Code))]
public partial class FuzzItem
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int OwnerId { get; set; }
    [Relation(nameof(OwnerId))] public FuzzOwner? Owner { get; set; }
    public required string Code { get; set; }
    public decimal Amount { get; set; }
    [Precision(10, 2)] public decimal Price { get; set; }
    public int Qty { get; set; }
    public Mood? Feeling { get; set; }
    public string? Note { get; set; }
    public DateTime? DueAt { get; set; }
    public List<FuzzPart> Parts { get; set; } = [];
}
