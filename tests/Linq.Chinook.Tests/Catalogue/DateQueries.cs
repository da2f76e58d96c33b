using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday date queries on Chinook's timestamp (without time zone) columns.</summary>
internal static class DateQueries
{
    public static void Add(CatalogueBuilder c)
    {
        var from = new DateTime(2023, 1, 1);
        var to = new DateTime(2023, 7, 1);
        c.Rows("date/between captured values", Invoices, q => q.Where(i => i.InvoiceDate >= from && i.InvoiceDate < to).Select(i => i.InvoiceId));
        c.Rows("date/Date equals a value", Invoices, q => q.Where(i => i.InvoiceDate.Date == new DateTime(2023, 3, 4)).Select(i => i.InvoiceId));
        c.Rows("date/Year Month Day Hour parts", Invoices, q => q.Where(i => i.InvoiceId < 60).Select(i => new { i.InvoiceId, i.InvoiceDate.Year, i.InvoiceDate.Month, i.InvoiceDate.Day, i.InvoiceDate.Hour, i.InvoiceDate.Minute }));
        c.Rows("date/DayOfWeek and DayOfYear", Invoices, q => q.Where(i => i.InvoiceId < 60).Select(i => new { i.InvoiceId, Dow = (int)i.InvoiceDate.DayOfWeek, i.InvoiceDate.DayOfYear }));
        c.Rows("date/DayOfWeek weekend filter", Invoices, q => q.Where(i => i.InvoiceDate.DayOfWeek == DayOfWeek.Saturday || i.InvoiceDate.DayOfWeek == DayOfWeek.Sunday).Select(i => i.InvoiceId));
        c.Rows("date/DayOfWeek ordering comparison", Invoices, q => q.Where(i => i.InvoiceDate.DayOfWeek > DayOfWeek.Thursday).Select(i => i.InvoiceId));
        c.Refused("date/DayOfWeek HasFlag", Invoices, q => q.Where(i => i.InvoiceDate.DayOfWeek.HasFlag(DayOfWeek.Monday)).Select(i => i.InvoiceId), "==");
        c.Rows("date/DayOfWeek ToString", Invoices, q => q.Where(i => i.InvoiceId < 30).Select(i => new { i.InvoiceId, Day = i.InvoiceDate.DayOfWeek.ToString() }));
        c.Rows("date/AddDays then Month", Invoices, q => q.Where(i => i.InvoiceDate.AddDays(7).Month != i.InvoiceDate.Month).Select(i => i.InvoiceId));
        c.Rows("date/AddMonths AddYears projected", Invoices, q => q.Where(i => i.InvoiceId < 50).Select(i => new { i.InvoiceId, Due = i.InvoiceDate.AddMonths(1), Next = i.InvoiceDate.AddYears(1).AddDays(-1) }));
        c.Rows("date/AddHours by a column", Invoices, q => q.Where(i => i.InvoiceId < 50).Select(i => new { i.InvoiceId, At = i.InvoiceDate.AddHours(i.CustomerId) }));
        c.Rows("date/TotalDays to a captured date", Invoices, q => q.Where(i => (to - i.InvoiceDate).TotalDays < 90 && (to - i.InvoiceDate).TotalDays > 0).Select(i => i.InvoiceId));
        c.Rows("date/Days between two columns", Employees, q => q.Where(e => e.HireDate != null && e.BirthDate != null).Select(e => new { e.EmployeeId, Days = (e.HireDate!.Value - e.BirthDate!.Value).Days }));
        c.Rows("date/age at hire in years", Employees, q => q.Where(e => e.HireDate.HasValue && e.HireDate.Value.Year - e.BirthDate!.Value.Year > 40).Select(e => e.EmployeeId));
        c.Rows("date/nullable date compared with a value", Employees, q => q.Where(e => e.BirthDate < new DateTime(1970, 1, 1)).Select(e => e.EmployeeId));
        c.Rows("date/GetValueOrDefault of a nullable date", Employees, q => q.Select(e => new { e.EmployeeId, Hired = e.HireDate.GetValueOrDefault() }));
        c.Rows("date/ToString with a custom format", Invoices, q => q.Where(i => i.InvoiceId < 30).Select(i => new { i.InvoiceId, S = i.InvoiceDate.ToString("yyyy-MM-dd") }));
        c.Rows("date/Max of a date", Invoices, q => q.GroupBy(i => i.CustomerId).Select(g => new { g.Key, Last = g.Max(i => i.InvoiceDate) }));
        c.Rows("date/ordered by date then id", Invoices, q => q.OrderByDescending(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Take(20).Select(i => i.InvoiceId), ordered: true);
        c.Rows("date/compared with DateTime.Today", Invoices, q => q.Where(i => i.InvoiceDate < DateTime.Today).Select(i => i.InvoiceId));
        c.Rows("date/compared with DateTime.Now minus years", Invoices, q => q.Where(i => i.InvoiceDate > DateTime.Now.AddYears(-2)).Select(i => i.InvoiceId));
        c.Rows("date/compared with DateTime.UtcNow", Invoices, q => q.Where(i => i.InvoiceDate < DateTime.UtcNow).Select(i => i.InvoiceId));
        c.Rows("date/DateOnly.FromDateTime", Invoices, q => q.Where(i => DateOnly.FromDateTime(i.InvoiceDate) == new DateOnly(2023, 3, 4)).Select(i => i.InvoiceId));
        c.Rows("date/DateOnly.FromDateTime projected and compared", Employees, q => q.Where(e => e.HireDate != null && DateOnly.FromDateTime(e.HireDate.Value) < new DateOnly(2002, 10, 1))
            .Select(e => new { e.EmployeeId, Day = DateOnly.FromDateTime(e.HireDate!.Value) }));
        c.Rows("date/Date compared with a DateTime (the advised form)", Invoices, q => q.Where(i => i.InvoiceDate.Date == new DateTime(2023, 3, 4)).Select(i => i.InvoiceId));
        c.Rows("date/TimeOfDay", Invoices, q => q.Where(i => i.InvoiceDate.TimeOfDay == TimeSpan.Zero).Select(i => i.InvoiceId));
        var noon = new TimeSpan(12, 0, 0);
        c.Rows("date/TimeOfDay compared and projected", Employees, q => q.Where(e => e.HireDate != null && e.HireDate.Value.TimeOfDay < noon).Select(e => new { e.EmployeeId, Time = e.HireDate!.Value.TimeOfDay }));
        c.Refused("date/TimeSpan.FromMilliseconds TotalMinutes", Tracks, q => q.Where(t => TimeSpan.FromMilliseconds(t.Milliseconds).TotalMinutes > 10).Select(t => t.TrackId), "Compare the number itself");

        c.Refused("date/ToString without a format", Invoices, q => q.Select(i => i.InvoiceDate.ToString()).Where(s => s.Length > 4), "format");
    }
}
