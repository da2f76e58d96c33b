namespace Linq.Provider.Tests.Models;

/// <summary>
/// A parent whose children (<see cref="Seat"/>) are detached when it is deleted (an optional relation, so
/// <c>SET NULL</c>): many-row deletes filtered over its children (Any, All, Count) can delete rows that have some.
/// </summary>
[Model]
public partial class Booth
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public string? Owner { get; set; }
    public Mood Kind { get; set; }
    public string? Note { get; set; }
    public int Visits { get; set; }
    public List<Seat> Seats { get; set; } = [];
}
