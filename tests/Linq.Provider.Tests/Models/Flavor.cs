namespace Linq.Provider.Tests.Models;

/// <summary>The other side of <see cref="Bottle.Flavors"/>.</summary>
[Model]
public partial class Flavor
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public List<Bottle> Bottles { get; set; } = [];
}
