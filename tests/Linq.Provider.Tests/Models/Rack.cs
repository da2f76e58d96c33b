namespace Linq.Provider.Tests.Models;

/// <summary>The parent of <see cref="Article"/>: array and JSON columns read through Include and nested selects.</summary>
[Model]
public partial class Rack
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Name { get; set; }
    public List<Article> Articles { get; set; } = [];
    public List<Parcel> Parcels { get; set; } = [];
}
