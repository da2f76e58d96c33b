namespace Linq.Provider.Tests.Models;

/// <summary>
/// A unique key of each column type a find can be batched on (<c>BatchedFindTests</c>): short, long, Guid, date,
/// numeric, timestamptz (DateTimeOffset and DateTime), timestamp, time, varchar, text (made <c>citext</c> by that test), and a composite key of an enum and an int;
/// nullable columns in the row.
/// </summary>
[Model]
[Unique(nameof(Kind), nameof(Slot))]
public partial class KeyRing
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public short Small { get; set; }
    [Unique] public long Big { get; set; }
    [Unique] public Guid Token { get; set; }
    [Unique] public DateOnly Day { get; set; }
    [Unique] public decimal Amount { get; set; }
    [Unique] public DateTimeOffset At { get; set; }
    [Unique, MaxLength(20)] public required string Code { get; set; }
    [Unique] public required string Name { get; set; }
    public Mood Kind { get; set; }
    public int Slot { get; set; }
    public string? Note { get; set; }
    public int? Count { get; set; }
    public Mood? Feeling { get; set; }
    [Unique] public DateTime Stamp { get; set; }
    [Unique, WithoutTimeZone] public DateTime Local { get; set; }
    [Unique] public TimeOnly Time { get; set; }
}
