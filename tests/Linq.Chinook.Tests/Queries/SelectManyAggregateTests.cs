using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// Aggregates over a <c>SelectMany</c> of collection navigations (<c>x.Invoices.SelectMany(i => i.Lines).Sum(…)</c>) in
/// projections, filters, orderings, nested selects, filtered includes and compiled queries, each compared with
/// LINQ-to-Objects over the rows read with plain Npgsql; customers without invoices and invoices without lines count
/// as LINQ counts them (no rows: 0, false, null).
/// </summary>
[Collection("chinook")]
public sealed class SelectManyAggregateTests(ChinookFixture f)
{
    private static readonly CompiledListQuery<ChinookDb, int, int> BigBuyers =
        CompiledQuery.CreateList((ChinookDb db, int quantity) => db.Customers.Where(c => c.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity) > quantity).Select(c => c.CustomerId));

    [Fact]
    public Task Aggregates_of_every_kind_in_a_projection() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new
        {
            c.CustomerId,
            Sum = c.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity),
            Count = c.Invoices.SelectMany(i => i.Lines).Count(),
            Long = c.Invoices.SelectMany(i => i.Lines).LongCount(l => l.UnitPrice > 1m),
            Any = c.Invoices.SelectMany(i => i.Lines).Any(l => l.Track!.Composer == null),
            All = c.Invoices.SelectMany(i => i.Lines).All(l => l.Quantity == 1),
            Max = c.Invoices.SelectMany(i => i.Lines).Max(l => (decimal?)l.UnitPrice),
            Min = c.Invoices.SelectMany(i => i.Lines).Min(l => (int?)l.TrackId),
            Genres = c.Invoices.SelectMany(i => i.Lines).Select(l => l.Track!.GenreId).Distinct().Count(),
        }));

    [Fact]
    public async Task Filters_with_captured_values_changing_and_a_compiled_query()
    {
        foreach (var price in new[] { 0.5m, 1m, 1.5m })
        {
            var p = price;
            await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.Invoices.SelectMany(i => i.Lines).Count(l => l.UnitPrice > p) > 2).Select(c => c.CustomerId));
            await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Dear = c.Invoices.Where(i => i.Total > 5m).SelectMany(i => i.Lines).Where(l => l.UnitPrice >= p).Sum(l => l.UnitPrice) }));
        }

        foreach (var quantity in new[] { 0, 37, 38, 1000 })
        {
            var expected = f.Customers.Where(c => c.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity) > quantity).Select(c => c.CustomerId).Order().ToList();
            Assert.Equal(expected, (await BigBuyers.ToListAsync(f.Db, quantity)).Order());
        }
    }

    [Fact]
    public Task Ordering_by_it() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.OrderByDescending(c => c.Invoices.SelectMany(i => i.Lines).Sum(l => l.UnitPrice * l.Quantity)).ThenBy(c => c.CustomerId)
            .Take(10).Select(c => c.CustomerId), ordered: true);

    [Fact]
    public Task Inside_a_nested_select() =>
        Compare.RowsAsync(f.Db.Employees, f.Employees, q => q.Select(e => new
        {
            e.EmployeeId,
            Customers = e.Customers.OrderBy(c => c.CustomerId).Select(c => new { c.CustomerId, Lines = c.Invoices.SelectMany(i => i.Lines).Count() }).ToList(),
        }), key: r => r.EmployeeId + ":" + string.Join("|", r.Customers.Select(c => c.CustomerId + "/" + c.Lines)));

    [Fact]
    public async Task Inside_a_filtered_include()
    {
        var employees = await f.Db.Employees.OrderBy(e => e.EmployeeId)
            .Include(e => e.Customers.Where(c => c.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity) > 37)).ToListAsync();
        var expected = f.Employees.OrderBy(e => e.EmployeeId)
            .Select(e => e.EmployeeId + ":" + string.Join(",", e.Customers.Where(c => c.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity) > 37).Select(c => c.CustomerId).Order()));
        Assert.Equal(expected, employees.Select(e => e.EmployeeId + ":" + string.Join(",", e.Customers.Select(c => c.CustomerId).Order())));
        Assert.Contains(expected, e => e.EndsWith(':'));
    }

    [Fact]
    public Task Through_a_to_one_navigation_of_the_rows() =>
        Compare.RowsAsync(f.Db.Playlists, f.Playlists, q => q.Select(p => new { p.PlaylistId, Sold = p.PlaylistTracks.Select(pt => pt.Track!).SelectMany(t => t.InvoiceLines).Count() }));
}
