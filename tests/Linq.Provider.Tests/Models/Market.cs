namespace Linq.Provider.Tests.Models;

/// <summary>A grandparent of <see cref="Supplier"/>: a nested create of several suppliers (a level of several rows) under one market.</summary>
[Model]
public partial class Market
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Name { get; set; }
    public List<Supplier> Suppliers { get; set; } = [];
}
