namespace Linq.Provider.Tests.Models;

/// <summary>A parent whose children (<see cref="Bottle"/>) have a many-to-many relation: nested writes two levels down.</summary>
[Model]
public partial class Cellar
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public List<Bottle> Bottles { get; set; } = [];
}
