namespace Linq.Provider.Tests.Models;

/// <summary>
/// A <c>numeric(38, 18)</c> amount: more digits than a <c>decimal</c> holds, kept at scale 18, so a value with many
/// integer digits has more digits at that scale than 96 bits (the range check and the client's checks refuse it).
/// </summary>
[Model]
public partial class Wallet
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Owner { get; set; }
    [Precision(38, 18)] public decimal Amount { get; set; }
}
