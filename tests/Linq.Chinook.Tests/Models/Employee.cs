namespace Linq.Chinook.Tests.Models;

/// <summary>Employees; <see cref="ReportsTo"/> is a self-reference (the general manager has none).</summary>
[Model(Table = "employee")]
public partial class Employee
{
    [Id, Map("employee_id")] public int EmployeeId { get; set; }
    [Map("last_name")] public required string LastName { get; set; }
    [Map("first_name")] public required string FirstName { get; set; }
    [Map("title")] public string? Title { get; set; }
    [Map("reports_to")] public int? ReportsTo { get; set; }
    [Relation(nameof(ReportsTo))] public Employee? Manager { get; set; }
    public List<Employee> Reports { get; set; } = [];
    [Map("birth_date"), WithoutTimeZone] public DateTime? BirthDate { get; set; }
    [Map("hire_date"), WithoutTimeZone] public DateTime? HireDate { get; set; }
    [Map("address")] public string? Address { get; set; }
    [Map("city")] public string? City { get; set; }
    [Map("state")] public string? State { get; set; }
    [Map("country")] public string? Country { get; set; }
    [Map("postal_code")] public string? PostalCode { get; set; }
    [Map("phone")] public string? Phone { get; set; }
    [Map("fax")] public string? Fax { get; set; }
    [Map("email")] public string? Email { get; set; }
    public List<Customer> Customers { get; set; } = [];
}
