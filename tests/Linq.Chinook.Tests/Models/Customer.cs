namespace Linq.Chinook.Tests.Models;

[Model(Table = "customer")]
public partial class Customer
{
    [Id, Map("customer_id")] public int CustomerId { get; set; }
    [Map("first_name")] public required string FirstName { get; set; }
    [Map("last_name")] public required string LastName { get; set; }
    [Map("company")] public string? Company { get; set; }
    [Map("address")] public string? Address { get; set; }
    [Map("city")] public string? City { get; set; }
    [Map("state")] public string? State { get; set; }
    [Map("country")] public string? Country { get; set; }
    [Map("postal_code")] public string? PostalCode { get; set; }
    [Map("phone")] public string? Phone { get; set; }
    [Map("fax")] public string? Fax { get; set; }
    [Map("email")] public required string Email { get; set; }
    [Map("support_rep_id")] public int? SupportRepId { get; set; }
    [Relation(nameof(SupportRepId))] public Employee? SupportRep { get; set; }
    public List<Invoice> Invoices { get; set; } = [];
}
