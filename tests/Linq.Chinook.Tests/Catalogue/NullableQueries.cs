using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday nullable handling: ??, HasValue/Value, null captured values, null propagation, Equals.</summary>
internal static class NullableQueries
{
    public static void Add(CatalogueBuilder c)
    {
        int? noGenre = null;
        int? rock = 1;
        string? noCompany = null;
        c.Rows("null/?? in a projection", Customers, q => q.Select(x => new { x.CustomerId, Company = x.Company ?? "(private)", State = x.State ?? x.Country }));
        c.Rows("null/?? in a filter", Tracks, q => q.Where(t => (t.Bytes ?? 0) > 10_000_000).Select(t => t.TrackId));
        c.Rows("null/HasValue", Employees, q => q.Where(e => e.ReportsTo.HasValue).Select(e => e.EmployeeId));
        c.Rows("null/!HasValue", Employees, q => q.Where(e => !e.ReportsTo.HasValue).Select(e => e.EmployeeId));
        c.Rows("null/.Value guarded", Employees, q => q.Where(e => e.ReportsTo.HasValue && e.ReportsTo.Value == 2).Select(e => e.EmployeeId));
        c.Rows("null/GetValueOrDefault", Tracks, q => q.Where(t => t.Bytes.GetValueOrDefault() > 12_000_000).Select(t => t.TrackId));
        c.Rows("null/GetValueOrDefault with a default", Employees, q => q.Select(e => new { e.EmployeeId, Boss = e.ReportsTo.GetValueOrDefault(-1) }));
        c.Rows("null/== captured null int", Employees, q => q.Where(e => e.ReportsTo == noGenre).Select(e => e.EmployeeId));
        c.Rows("null/!= captured null int", Employees, q => q.Where(e => e.ReportsTo != noGenre).Select(e => e.EmployeeId));
        c.Rows("null/== captured non-null nullable", Tracks, q => q.Where(t => t.GenreId == rock).Select(t => t.TrackId));
        c.Rows("null/== captured null string", Customers, q => q.Where(x => x.Company == noCompany).Select(x => x.CustomerId));
        c.Rows("null/!= captured null string", Customers, q => q.Where(x => x.Company != noCompany).Select(x => x.CustomerId));
        c.Rows("null/!= value keeps nulls (C# semantics)", Customers, q => q.Where(x => x.State != "CA").Select(x => x.CustomerId));
        c.Rows("null/negated equality keeps nulls", Customers, q => q.Where(x => !(x.State == "SP")).Select(x => x.CustomerId));
        c.Rows("null/two nullable columns compared", Customers, q => q.Where(x => x.State == x.Company).Select(x => x.CustomerId));
        c.Rows("null/nullable < value", Tracks, q => q.Where(t => t.Bytes < 1_000_000).Select(t => t.TrackId));
        c.Rows("null/null propagation through a navigation", Customers, q => q.Select(x => new { x.CustomerId, Rep = x.SupportRep == null ? null : x.SupportRep.LastName }));
        c.Rows("null/manager name or none", Employees, q => q.Select(e => new { e.EmployeeId, Boss = e.Manager != null ? e.Manager.FirstName + " " + e.Manager.LastName : "none" }));
        c.Rows("null/two levels of navigation guarded", Employees, q => q.Where(e => e.Manager != null && e.Manager.Manager != null).Select(e => new { e.EmployeeId, Top = e.Manager!.Manager!.LastName }));
        c.Rows("null/Nullable<T>.Equals", Tracks, q => q.Where(t => t.GenreId.Equals(2)).Select(t => t.TrackId));
        c.Rows("null/int Equals", Tracks, q => q.Where(t => t.MediaTypeId.Equals(3)).Select(t => t.TrackId));
        c.Rows("null/object.Equals static", Employees, q => q.Where(e => Equals(e.ReportsTo, rock)).Select(e => e.EmployeeId));
        int? nobody = null;
        c.Rows("null/object.Equals static with a null", Employees, q => q.Where(e => Equals(e.ReportsTo, nobody)).Select(e => e.EmployeeId));
        c.Rows("null/object.Equals of two strings", Customers, q => q.Where(x => Equals(x.State, x.Company)).Select(x => x.CustomerId));
        c.Rows("null/Nullable<T>.Equals of a captured nullable", Employees, q => q.Where(e => e.ReportsTo.Equals(nobody)).Select(e => e.EmployeeId));
        c.Rows("null/lifted to nullable", Invoices, q => q.Where(i => i.InvoiceId < 30).Select(i => new { i.InvoiceId, Total = (decimal?)i.Total }));
        c.Rows("null/conditional on null in a filter", Tracks, q => q.Where(t => (t.Composer == null ? 0 : t.Composer.Length) > 40).Select(t => t.TrackId));
        c.Rows("null/null check compared to true", Tracks, q => q.Where(t => (t.Composer == null) == true).Select(t => t.TrackId));
        c.Rows("null/guarded Contains compared to false", Tracks, q => q.Where(t => (t.Composer != null && t.Composer.Contains("John")) == false).Select(t => t.TrackId));
        c.Rows("null/sort nulls as LINQ does", Customers, q => q.OrderBy(x => x.Company).ThenBy(x => x.CustomerId).Select(x => x.CustomerId).Take(10), ordered: false);
    }
}
