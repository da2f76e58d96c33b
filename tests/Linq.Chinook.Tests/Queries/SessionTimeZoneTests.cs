using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;
using Npgsql;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// Chinook's dates are <c>timestamp</c> without time zone. A client whose session time zone is not UTC must still
/// compare them, take their parts and read them as the stored wall-clock values: the model maps them
/// <c>[WithoutTimeZone]</c>, so values are sent as <c>timestamp</c> and parts are taken without a zone conversion.
/// </summary>
[Collection("chinook")]
public sealed class SessionTimeZoneTests(ChinookFixture f) : IAsyncLifetime
{
    private ChinookDb _db = null!;

    public Task InitializeAsync()
    {
        _db = new ChinookDb(new NpgsqlConnectionStringBuilder(f.ConnectionString) { Timezone = "Pacific/Auckland" }.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public Task Dates_read_back_as_stored() =>
        Compare.RowsAsync(_db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceId < 50).Select(i => new { i.InvoiceId, i.InvoiceDate }));

    [Fact]
    public Task Date_equality_and_range() =>
        Compare.RowsAsync(_db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceDate == new DateTime(2021, 1, 2, 0, 0, 0, DateTimeKind.Unspecified)
            || (i.InvoiceDate >= new DateTime(2023, 3, 1, 0, 0, 0, DateTimeKind.Unspecified) && i.InvoiceDate < new DateTime(2023, 4, 1, 0, 0, 0, DateTimeKind.Unspecified))).Select(i => i.InvoiceId));

    [Fact]
    public Task Date_parts() =>
        Compare.RowsAsync(_db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceId % 5 == 0).Select(i => new { i.InvoiceId, i.InvoiceDate.Year, i.InvoiceDate.Month, i.InvoiceDate.Day, i.InvoiceDate.Hour }));

    [Fact]
    public Task Grouped_by_month() =>
        Compare.RowsAsync(_db.Invoices, f.Invoices, q => q.GroupBy(i => i.InvoiceDate.Month).Select(g => new { g.Key, Count = g.Count() }));
}
