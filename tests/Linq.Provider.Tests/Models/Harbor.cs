namespace Linq.Provider.Tests.Models;

/// <summary>The referenced side of <see cref="Boat"/>'s relation, whose delete action cannot succeed (LINQ046).</summary>
[Model]
public partial class Harbor
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Name { get; set; }
    public List<Boat> Boats { get; set; } = [];
}
