namespace Linq.Chinook.Tests.Models;

[Model(Table = "invoice_line")]
public partial class InvoiceLine
{
    [Id, Map("invoice_line_id")] public int InvoiceLineId { get; set; }
    [Map("invoice_id")] public int InvoiceId { get; set; }
    [Relation(nameof(InvoiceId))] public Invoice? Invoice { get; set; }
    [Map("track_id")] public int TrackId { get; set; }
    [Relation(nameof(TrackId))] public Track? Track { get; set; }
    [Map("unit_price")] public decimal UnitPrice { get; set; }
    [Map("quantity")] public int Quantity { get; set; }
}
