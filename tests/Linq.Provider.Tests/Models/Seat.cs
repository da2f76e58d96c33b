namespace Linq.Provider.Tests.Models;

/// <summary>
/// A row with a composite primary key (row, number) and an optional to-one relation: many-row writes whose rows are
/// matched by a composite key, and filters over a joined row (<c>s =&gt; s.Booth.Name == x</c>).
/// </summary>
[Model]
public partial class Seat
{
    [Id] public required string Row { get; set; }
    [Id] public int Number { get; set; }
    public string? Holder { get; set; }
    public int Price { get; set; }
    public Mood? Feeling { get; set; }
    public string? Tag { get; set; }
    public int? BoothId { get; set; }
    [Relation(nameof(BoothId))] public Booth? Booth { get; set; }
}
