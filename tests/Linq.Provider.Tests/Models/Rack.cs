namespace Linq.Provider.Tests.Models;

/// <summary>The parent of <see cref="Entry"/>: array and JSON columns read through Include and nested selects.</summary>
[Model]
public partial class Rack
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Name { get; set; }
    public List<Entry> Entries { get; set; } = [];
    public List<Parcel> Parcels { get; set; } = [];
}
