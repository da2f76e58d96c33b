namespace Linq.Provider.Tests.Models;

/// <summary>A child of <see cref="Cellar"/> linked to many <see cref="Flavor"/>s.</summary>
[Model]
public partial class Bottle
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int CellarId { get; set; }
    [Relation(nameof(CellarId))] public Cellar? Cellar { get; set; }
    public required string Label { get; set; }
    public List<Flavor> Flavors { get; set; } = [];
}
