using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Queries;

/// <summary>Terminal aggregates (Count/Sum/Average/Min/Max over numeric(10,2), integers and timestamps), GroupBy with aggregates and HAVING.</summary>
[Collection("chinook")]
public sealed class AggregateTests(ChinookFixture f)
{
    [Fact]
    public async Task Counts()
    {
        Compare.Scalar(f.Tracks.Count, await f.Db.Tracks.CountAsync());
        Compare.Scalar(f.Tracks.Count(t => t.Composer == null), await f.Db.Tracks.CountAsync(t => t.Composer == null));
        Compare.Scalar(f.InvoiceLines.LongCount(l => l.UnitPrice > 0.99m), await f.Db.InvoiceLines.LongCountAsync(l => l.UnitPrice > 0.99m));
        Compare.Scalar(f.PlaylistTracks.Count(pt => pt.PlaylistId == 1), await f.Db.PlaylistTracks.CountAsync(pt => pt.PlaylistId == 1));
    }

    [Fact]
    public async Task Sums_over_numeric()
    {
        Compare.Scalar(f.Invoices.Sum(i => i.Total), await f.Db.Invoices.SumAsync(i => i.Total));
        Compare.Scalar(f.Invoices.Where(i => i.BillingCountry == "USA").Sum(i => i.Total), await f.Db.Invoices.Where(i => i.BillingCountry == "USA").SumAsync(i => i.Total));
        Compare.Scalar(f.InvoiceLines.Sum(l => l.UnitPrice * l.Quantity), await f.Db.InvoiceLines.SumAsync(l => l.UnitPrice * l.Quantity));
        Compare.Scalar(f.Tracks.Sum(t => (long)t.Milliseconds), await f.Db.Tracks.SumAsync(t => (long)t.Milliseconds));
        Compare.Scalar(f.Tracks.Where(t => t.AlbumId < 100).Sum(t => t.Milliseconds), await f.Db.Tracks.Where(t => t.AlbumId < 100).SumAsync(t => t.Milliseconds));
        Compare.Scalar(f.Tracks.Sum(t => (long?)t.Bytes), await f.Db.Tracks.SumAsync(t => (long?)t.Bytes));
        Compare.Scalar(f.Tracks.Where(t => t.AlbumId < 10).Sum(t => t.Bytes), await f.Db.Tracks.Where(t => t.AlbumId < 10).SumAsync(t => t.Bytes));
    }

    [Fact]
    public async Task Int_sum_that_overflows_is_an_error_not_a_wrapped_value()
    {
        // The sizes of all tracks add up to more than int.MaxValue: LINQ throws rather than wrap; so must the query.
        Assert.Throws<OverflowException>(() => f.Tracks.Sum(t => t.Bytes));
        var error = await Record.ExceptionAsync(async () => Assert.Fail("returned " + await f.Db.Tracks.SumAsync(t => t.Bytes)));
        Assert.True(error is OverflowException or ValueOutOfRangeException { Code: "P2020" }, error?.ToString());
    }

    // LINQ throws OverflowException; the server's "integer out of range" is the typed P2020 (documented in queries.md).
    [Fact]
    public async Task Int_sum_that_overflows_fails_as_linq_does_with_the_typed_range_error()
    {
        Assert.Throws<OverflowException>(() => f.Tracks.Sum(t => t.Bytes));
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => f.Db.Tracks.SumAsync(t => t.Bytes));
        Assert.Equal("P2020", error.Code);
    }

    [Fact]
    public async Task Average_of_numeric_agrees_to_the_decimal_digits_both_can_hold()
    {
        // PostgreSQL's avg(numeric) and C#'s decimal average round at different digits: compare to 20 places.
        var expected = f.Invoices.Average(i => i.Total);
        var actual = await f.Db.Invoices.AverageAsync(i => i.Total);
        Compare.Scalar(Math.Round(expected, 20), Math.Round(actual, 20));
        Compare.Scalar(Math.Round(f.Tracks.Where(t => t.GenreId == 5).Average(t => t.UnitPrice), 20), Math.Round(await f.Db.Tracks.Where(t => t.GenreId == 5).AverageAsync(t => t.UnitPrice), 20));
        Assert.Equal(f.Tracks.Average(t => t.Milliseconds), await f.Db.Tracks.AverageAsync(t => t.Milliseconds), 9);
    }

    [Fact]
    public async Task Min_and_max()
    {
        Compare.Scalar(f.Invoices.Min(i => i.InvoiceDate), await f.Db.Invoices.MinAsync(i => i.InvoiceDate));
        Compare.Scalar(f.Invoices.Max(i => i.InvoiceDate), await f.Db.Invoices.MaxAsync(i => i.InvoiceDate));
        Compare.Scalar(f.Invoices.Max(i => i.Total), await f.Db.Invoices.MaxAsync(i => i.Total));
        Compare.Scalar(f.Tracks.Min(t => t.Milliseconds), await f.Db.Tracks.MinAsync(t => t.Milliseconds));
        Compare.Scalar(f.Tracks.Max(t => t.Bytes), await f.Db.Tracks.MaxAsync(t => t.Bytes));
        Compare.Scalar(f.Employees.Min(e => e.BirthDate), await f.Db.Employees.MinAsync(e => e.BirthDate));
        Compare.Scalar(f.Customers.Max(c => c.SupportRepId), await f.Db.Customers.MaxAsync(c => c.SupportRepId));
    }

    [Fact]
    public async Task Any_all_first_single()
    {
        Compare.Scalar(f.Tracks.Any(t => t.Milliseconds > 5_000_000), await f.Db.Tracks.AnyAsync(t => t.Milliseconds > 5_000_000));
        Compare.Scalar(f.Invoices.All(i => i.Total > 0), await f.Db.Invoices.AllAsync(i => i.Total > 0));
        Compare.Scalar(f.Invoices.All(i => i.Total > 1), await f.Db.Invoices.AllAsync(i => i.Total > 1));
        Compare.Scalar(f.Tracks.OrderByDescending(t => t.Milliseconds).First().TrackId, (await f.Db.Tracks.OrderByDescending(t => t.Milliseconds).FirstAsync()).TrackId);
        Compare.Scalar(f.Artists.Single(a => a.Name == "AC/DC").ArtistId, (await f.Db.Artists.SingleAsync(a => a.Name == "AC/DC")).ArtistId);
        Assert.Null(await f.Db.Artists.FirstOrDefaultAsync(a => a.Name == "nobody at all"));
        Compare.Scalar(f.Customers.OrderBy(c => c.CustomerId).Select(c => c.Company).First(), await f.Db.Customers.OrderBy(c => c.CustomerId).Select(c => c.Company).FirstAsync());
    }

    [Fact]
    public Task Sales_per_country() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.BillingCountry)
            .Select(g => new { Country = g.Key, Invoices = g.Count(), Total = g.Sum(i => i.Total), Max = g.Max(i => i.Total), Min = g.Min(i => i.Total) }));

    [Fact]
    public Task Sales_per_genre_through_two_navigations() =>
        Compare.RowsAsync(f.Db.InvoiceLines, f.InvoiceLines, q => q.GroupBy(l => l.Track!.Genre!.Name)
            .Select(g => new { Genre = g.Key, Lines = g.Count(), Sales = g.Sum(l => l.UnitPrice * l.Quantity) }));

    [Fact]
    public Task Tracks_per_genre_with_average_length() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new { g.Key, Count = g.Count(), Average = g.Average(t => t.Milliseconds) }),
            r => (r.Key, r.Count, Math.Round(r.Average, 6)));

    [Fact]
    public Task Good_customers_having() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.CustomerId).Where(g => g.Sum(i => i.Total) > 45m)
            .Select(g => new { g.Key, Total = g.Sum(i => i.Total), Big = g.Count(i => i.Total > 10m) }));

    [Fact]
    public Task Sales_per_year() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.InvoiceDate.Year).Select(g => new { Year = g.Key, Total = g.Sum(i => i.Total), Count = g.Count() }));

    [Fact]
    public Task Sales_per_country_and_year() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => new { i.BillingCountry, i.InvoiceDate.Year })
            .Select(g => new { g.Key.BillingCountry, g.Key.Year, Total = g.Sum(i => i.Total) }));

    [Fact]
    public Task Price_range_per_media_type() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.MediaTypeId).Select(g => new { g.Key, Min = g.Min(t => t.UnitPrice), Max = g.Max(t => t.UnitPrice), Bytes = g.Sum(t => (long?)t.Bytes) }));

    [Fact]
    public Task Customers_per_rep() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.GroupBy(c => c.SupportRepId).Select(g => new { g.Key, Count = g.Count(), Countries = g.Count(c => c.Country != "USA") }));

    [Fact]
    public Task Grouped_then_ordered_by_total() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.CustomerId).Select(g => new { g.Key, Total = g.Sum(i => i.Total) })
            .OrderByDescending(x => x.Total).ThenBy(x => x.Key).Take(5), ordered: true);

    // Found by the generated queries: a constant group key (a captured null) was written GROUP BY NULL, which PostgreSQL refuses.
    [Fact]
    public Task Grouped_by_a_captured_null()
    {
        string? none = null;
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.GenreId == 1).GroupBy(t => none).Select(g => new { g.Key, Count = g.Count(), Total = g.Sum(t => t.UnitPrice) }));
    }

    [Fact]
    public Task Grouped_by_a_captured_null_nothing_matches()
    {
        string? none = null;
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.Milliseconds < 0).GroupBy(t => none).Select(g => new { g.Key, Count = g.Count() }));
    }

    [Fact]
    public Task Ordered_by_a_captured_null_then_key()
    {
        string? none = null;
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.OrderBy(t => none).ThenBy(t => t.TrackId).Take(5).Select(t => t.TrackId), ordered: true);
    }

    // Found by the generated queries: a composite key selected whole was translated again, with new parameters, so the
    // select list no longer matched GROUP BY ("t0.milliseconds must appear in the GROUP BY clause").
    [Fact]
    public Task Composite_key_with_values_selected_whole()
    {
        var limit = 300_000;
        var fallback = "none";
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => new { Long = t.Milliseconds > limit, Composer = t.Composer ?? fallback, t.MediaTypeId })
            .Select(g => new { g.Key, Count = g.Count() }));
    }

    // Found by the generated queries: ordering a DISTINCT projection by a member that holds a captured value translated
    // the value again as a new parameter ("SELECT DISTINCT $1 … ORDER BY $2", refused by PostgreSQL: 42P10).
    [Fact]
    public Task Distinct_projection_ordered_by_a_member_holding_a_captured_value()
    {
        var label = "tracks";
        var bonus = 7;
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.TrackId < 200)
            .Select(t => new { t.GenreId, Label = label, Score = t.MediaTypeId + bonus })
            .Distinct()
            .OrderBy(r => r.Label).ThenByDescending(r => r.Score).ThenBy(r => r.GenreId), ordered: true);
    }

    // Found by the generated queries: a bool key whose SQL may be NULL (a comparison with a nullable column) made NULL a
    // group of its own beside FALSE, while C# puts those rows in the false group.
    [Fact]
    public Task Grouped_by_a_comparison_with_a_nullable_column()
    {
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.TrackId < 500)
            .GroupBy(t => t.Name == t.Composer)
            .Select(g => new { g.Key, Count = g.Count(), Media = g.Sum(t => t.MediaTypeId) }));
    }
}
