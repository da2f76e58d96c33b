namespace Linq.Chinook.Tests.Models;

/// <summary>Invoices; <c>invoice_date</c> is <c>timestamp</c> without time zone (midnight of each day).</summary>
[Model(Table = "invoice")]
public partial class Invoice
{
    [Id, Map("invoice_id")] public int InvoiceId { get; set; }
    [Map("customer_id")] public int CustomerId { get; set; }
    [Relation(nameof(CustomerId))] public Customer? Customer { get; set; }
    [Map("invoice_date"), WithoutTimeZone] public DateTime InvoiceDate { get; set; }
    [Map("billing_address")] public string? BillingAddress { get; set; }
    [Map("billing_city")] public string? BillingCity { get; set; }
    [Map("billing_state")] public string? BillingState { get; set; }
    [Map("billing_country")] public string? BillingCountry { get; set; }
    [Map("billing_postal_code")] public string? BillingPostalCode { get; set; }
    [Map("total")] public decimal Total { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];
}
