namespace Linq.Provider.Tests.Models;

/// <summary>One column per number type that <see cref="Op"/> operations apply to.</summary>
[Model]
public partial class LedgerEntry
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int LedgerId { get; set; }
    [Relation(nameof(LedgerId))] public Ledger? Ledger { get; set; }
    public int Hits { get; set; }
    public long Total { get; set; }
    public short Small { get; set; }
    public decimal Amount { get; set; }
    public decimal? AmountN { get; set; }
    public double Ratio { get; set; }
}
