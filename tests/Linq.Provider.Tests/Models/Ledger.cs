namespace Linq.Provider.Tests.Models;

/// <summary>A parent of number-heavy rows, for number operations and unreadable values on every read path.</summary>
[Model]
public partial class Ledger
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public List<LedgerEntry> Entries { get; set; } = [];
}
