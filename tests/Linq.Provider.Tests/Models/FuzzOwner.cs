namespace Linq.Provider.Tests.Models;

/// <summary>
/// The root of the write fuzzer's small model (<c>WriteFuzzTests</c>): a unique name, an enum, a decimal without
/// <c>[Precision]</c> (so migrations give it the range check), a nullable column and a timestamp.
/// </summary>
[Model]
public partial class FuzzOwner
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public Mood Kind { get; set; }
    public decimal Budget { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<FuzzItem> Items { get; set; } = [];
}
