namespace Linq.Provider.Tests.Models;

/// <summary>A child of <see cref="Supplier"/> referencing its generated key.</summary>
[Model]
public partial class SupplierNote
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Ref { get; set; }
    public int? SupplierId { get; set; }
    [Relation(nameof(SupplierId))] public Supplier? Supplier { get; set; }
}
