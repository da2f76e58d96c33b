namespace Linq.Provider.Tests.Models;

/// <summary>
/// A parent whose children reference three different columns: its generated key (<see cref="SupplierNote"/>), a unique
/// text column (<see cref="SupplierOrder"/>) and a unique integer column (<see cref="SupplierBill"/>), so a nested create
/// must give each child the column its own relation references.
/// </summary>
[Model]
public partial class Supplier
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Code { get; set; }
    [Unique] public int Number { get; set; }
    public int? MarketId { get; set; }
    [Relation(nameof(MarketId))] public Market? Market { get; set; }
    public List<SupplierOrder> Orders { get; set; } = [];
    public List<SupplierBill> Bills { get; set; } = [];
    public List<SupplierNote> Notes { get; set; } = [];
}
