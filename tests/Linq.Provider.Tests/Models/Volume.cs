namespace Linq.Provider.Tests.Models;

/// <summary>The child of <see cref="Shelf"/> (a nullable text foreign key) and <see cref="Crate"/> (a nullable uuid foreign key).</summary>
[Model]
public partial class Volume
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Title { get; set; }
    public decimal Price { get; set; }
    public string? ShelfCode { get; set; }
    [Relation(nameof(ShelfCode))] public Shelf? Shelf { get; set; }
    public Guid? CrateId { get; set; }
    [Relation(nameof(CrateId))] public Crate? Crate { get; set; }
}
