using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Queries;

/// <summary>String methods and date parts on Chinook's varchar and timestamp columns, in filters and projections.</summary>
[Collection("chinook")]
public sealed class StringAndDateTests(ChinookFixture f)
{
    [Fact]
    public Task Upper_lower_length() =>
        Compare.RowsAsync(f.Db.Artists, f.Artists, q => q.Where(a => a.ArtistId < 100).Select(a => new { a.ArtistId, Upper = a.Name!.ToUpper(), Lower = a.Name.ToLower(), a.Name.Length }));

    [Fact]
    public Task Filter_on_lowered_and_length() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.Name.ToLower().Contains("love") && t.Name.Length < 20).Select(t => t.TrackId));

    [Fact]
    public Task Case_insensitive_equals() =>
        Compare.RowsAsync(f.Db.Genres, f.Genres, q => q.Where(g => string.Equals(g.Name, "ROCK", StringComparison.OrdinalIgnoreCase)).Select(g => g.GenreId));

    [Fact]
    public Task Concatenated_full_name() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Name = c.FirstName + " " + c.LastName }));

    [Fact]
    public Task Order_by_name_length_then_id() =>
        Compare.RowsAsync(f.Db.Albums, f.Albums, q => q.OrderBy(a => a.Title.Length).ThenBy(a => a.AlbumId).Take(30).Select(a => a.AlbumId), ordered: true);

    [Fact]
    public Task Invoice_date_parts() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.CustomerId < 6)
            .Select(i => new { i.InvoiceId, i.InvoiceDate.Year, i.InvoiceDate.Month, i.InvoiceDate.Day, i.InvoiceDate.DayOfYear, i.InvoiceDate.Hour }));

    [Fact]
    public Task Invoice_day_of_week_projected() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.CustomerId < 6).Select(i => new { i.InvoiceId, i.InvoiceDate.DayOfWeek }));

    [Fact]
    public Task Invoice_day_of_week_filtered() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceDate.DayOfWeek == DayOfWeek.Saturday || i.InvoiceDate.DayOfWeek == DayOfWeek.Monday).Select(i => i.InvoiceId));

    [Fact]
    public Task Invoices_in_a_quarter() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceDate.Year == 2022 && i.InvoiceDate.Month >= 4 && i.InvoiceDate.Month <= 6).Select(i => i.InvoiceId));

    [Fact]
    public Task Employee_hired_before_thirty() =>
        Compare.RowsAsync(f.Db.Employees, f.Employees, q => q.Where(e => e.HireDate!.Value.Year - e.BirthDate!.Value.Year < 30).Select(e => e.EmployeeId));

    [Fact]
    public Task Invoice_date_returns_stored_wall_clock() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceId % 37 == 0).Select(i => new { i.InvoiceId, i.InvoiceDate, i.InvoiceDate.Date }));

    [Fact]
    public Task Trim_substring_replace() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Trim = c.Email.Trim(), Start = c.Email.Substring(0, 3), At = c.Email.Replace("@", " at ") }));

    [Fact]
    public Task Index_of_and_starts_with_column() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, At = c.Email.IndexOf("@"), Own = c.Email.StartsWith(c.FirstName.ToLower()) }));
}
