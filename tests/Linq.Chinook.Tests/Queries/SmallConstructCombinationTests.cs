using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// <c>s[i]</c>, <c>object.Equals</c>, <c>TimeOfDay</c>, <c>Cast</c>/<c>OfType</c> and <c>Contains</c> after paging
/// inside nested selects, filtered includes and sub-queries over another table, compared with LINQ-to-Objects over the
/// rows read with plain Npgsql.
/// </summary>
[Collection("chinook")]
public sealed class SmallConstructCombinationTests(ChinookFixture f)
{
    [Fact]
    public Task Char_Equals_and_TimeOfDay_inside_a_nested_select() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.LastName[0] < 'M').Select(c => new
        {
            c.CustomerId,
            Midnight = c.Invoices.Count(i => i.InvoiceDate.TimeOfDay == TimeSpan.Zero),
            SameCity = c.Invoices.Where(i => Equals(i.BillingCity, c.City)).OrderBy(i => i.InvoiceId).Select(i => i.InvoiceId).ToList(),
            Initials = c.Invoices.Count(i => i.BillingCountry![0] == c.Country![0]),
        }), key: r => r.CustomerId + ":" + r.Midnight + ":" + r.Initials + ":" + string.Join(",", r.SameCity));

    [Fact]
    public async Task Inside_a_filtered_include()
    {
        var state = "CA";
        var customers = await f.Db.Customers.Where(c => c.FirstName[0] == 'F' || Equals(c.State, state)).OrderBy(c => c.CustomerId)
            .Include(c => c.Invoices.Where(i => i.InvoiceDate.TimeOfDay < TimeSpan.FromHours(12) && i.BillingCity![0] != 'X')).ToListAsync();
        var expected = f.Customers.Where(c => c.FirstName[0] == 'F' || Equals(c.State, state)).OrderBy(c => c.CustomerId)
            .Select(c => c.CustomerId + ":" + string.Join(",", c.Invoices.Where(i => i.InvoiceDate.TimeOfDay < TimeSpan.FromHours(12) && i.BillingCity![0] != 'X').Select(i => i.InvoiceId).Order()));
        Assert.Equal(expected, customers.Select(c => c.CustomerId + ":" + string.Join(",", c.Invoices.Select(i => i.InvoiceId).Order())));
        Assert.True(customers.Count > 1);
    }

    [Fact]
    public async Task Contains_after_Distinct_in_a_sub_query_over_another_table_and_paging_refused_there()
    {
        foreach (var genre in new int?[] { 1, 2, null })
        {
            var g = genre;
            Assert.Equal(f.Albums.Where(a => f.Tracks.Where(t => t.GenreId == g).Select(t => t.AlbumId).Distinct().Contains(a.AlbumId)).Select(a => a.AlbumId).Order(),
                (await f.Db.Albums.Where(a => f.Db.Tracks.Where(t => t.GenreId == g).Select(t => t.AlbumId).Distinct().Contains(a.AlbumId)).Select(a => a.AlbumId).ToListAsync()).Order());
        }

        // A page of another table inside a filter is not translated (at the top level it is: see the catalogue).
        var n = 5;
        await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.Tracks
            .Where(t => f.Db.InvoiceLines.OrderBy(l => l.InvoiceLineId).Select(l => l.TrackId).Take(n).Contains(t.TrackId)).Select(t => t.TrackId).ToListAsync());
    }

    [Fact]
    public Task Cast_and_OfType_before_other_operators() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < 30).Select(t => t.Composer).OfType<string>().Where(s => s.Length > 20).Distinct());
}
