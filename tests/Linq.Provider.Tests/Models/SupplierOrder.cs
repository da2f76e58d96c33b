namespace Linq.Provider.Tests.Models;

/// <summary>A child of <see cref="Supplier"/> referencing its unique text column rather than its key.</summary>
[Model]
public partial class SupplierOrder
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Ref { get; set; }
    public string? SupplierCode { get; set; }
    [Relation(new[] { nameof(SupplierCode) }, new[] { nameof(Models.Supplier.Code) })] public Supplier? Supplier { get; set; }
}
