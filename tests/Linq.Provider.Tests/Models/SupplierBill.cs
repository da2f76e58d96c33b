namespace Linq.Provider.Tests.Models;

/// <summary>A child of <see cref="Supplier"/> referencing its unique integer column rather than its key.</summary>
[Model]
public partial class SupplierBill
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Ref { get; set; }
    public int? SupplierNumber { get; set; }
    [Relation(new[] { nameof(SupplierNumber) }, new[] { nameof(Models.Supplier.Number) })] public Supplier? Supplier { get; set; }
}
