using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// Everyday Chinook queries written with constructs other work adds (joins, SelectMany, set operators, Last, MaxBy,
/// ElementAt, operators inside nested selects, more string/date/math methods). Each is compared with
/// LINQ-to-Objects like the rest; a skipped one names the construct it waits for.
/// </summary>
[Collection("chinook")]
public sealed class PendingConstructTests(ChinookFixture f)
{
    // ---- joins and SelectMany

    [Fact]
    public async Task Join_tracks_with_genres()
    {
        var query = from t in f.Db.Tracks
                    join g in f.Db.Genres on t.GenreId equals g.GenreId
                    where g.Name == "Jazz"
                    select new { t.TrackId, Genre = g.Name };
        var expected = from t in f.Tracks
                       join g in f.Genres on t.GenreId equals g.GenreId
                       where g.Name == "Jazz"
                       select new { t.TrackId, Genre = g.Name };
        Compare.Same([.. expected.Cast<object?>()], [.. (await Compare.ListAsync(query)).Cast<object?>()], ordered: false, Compare.Sql(query));
    }

    [Fact]
    public async Task Join_invoices_with_customers()
    {
        var query = from i in f.Db.Invoices
                    join c in f.Db.Customers on i.CustomerId equals c.CustomerId
                    where c.Country == "France"
                    select new { i.InvoiceId, c.LastName, i.Total };
        var expected = from i in f.Invoices
                       join c in f.Customers on i.CustomerId equals c.CustomerId
                       where c.Country == "France"
                       select new { i.InvoiceId, c.LastName, i.Total };
        Compare.Same([.. expected.Cast<object?>()], [.. (await Compare.ListAsync(query)).Cast<object?>()], ordered: false, Compare.Sql(query));
    }

    [Fact]
    public Task SelectMany_playlist_tracks() =>
        Compare.RowsAsync(f.Db.Playlists, f.Playlists, q => q.Where(p => p.PlaylistId == 3).SelectMany(p => p.PlaylistTracks).Select(pt => pt.TrackId));

    [Fact]
    public Task SelectMany_invoice_lines_of_a_customer() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.Country == "Canada").SelectMany(c => c.Invoices).SelectMany(i => i.Lines)
            .Select(l => new { l.InvoiceLineId, l.Quantity }));

    [Fact]
    public Task Many_to_many_track_names_of_a_playlist() =>
        Compare.RowsAsync(f.Db.Playlists, f.Playlists, q => q.Where(p => p.PlaylistId == 13)
            .Select(p => new { p.PlaylistId, Names = p.PlaylistTracks.OrderBy(pt => pt.TrackId).Select(pt => pt.Track!.Name).ToList() }),
            r => r.PlaylistId + ":" + string.Join("|", r.Names));

    // ---- set operators, Last, MaxBy, ElementAt

    [Fact]
    public Task Union_of_two_countries_cities() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.Country == "USA").Select(c => c.City)
            .Union(q.Where(c => c.Country == "Canada").Select(c => c.City)));

    [Fact]
    public Task Concat_keeps_duplicates() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.Total > 15m).Select(i => i.CustomerId).Concat(q.Where(i => i.Total < 1m).Select(i => i.CustomerId)));

    [Fact]
    public Task Except_customers_without_big_invoices() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Select(i => i.CustomerId).Except(q.Where(i => i.Total > 15m).Select(i => i.CustomerId)));

    [Fact]
    public Task Intersect_genres_sold_in_two_countries() =>
        Compare.RowsAsync(f.Db.InvoiceLines, f.InvoiceLines, q => q.Where(l => l.Invoice!.BillingCountry == "USA").Select(l => l.Track!.GenreId)
            .Intersect(q.Where(l => l.Invoice!.BillingCountry == "Brazil").Select(l => l.Track!.GenreId)));

    [Fact]
    public void Last_invoice_by_date() =>
        Compare.Scalar(f.Invoices.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Last().InvoiceId,
            f.Db.Invoices.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Last().InvoiceId);

    [Fact]
    public void MaxBy_longest_track() =>
        Compare.Scalar(f.Tracks.MaxBy(t => t.Milliseconds)!.TrackId, f.Db.Tracks.MaxBy(t => t.Milliseconds)!.TrackId);

    [Fact]
    public void ElementAt_tenth_most_expensive_invoice() =>
        Compare.Scalar(f.Invoices.OrderByDescending(i => i.Total).ThenBy(i => i.InvoiceId).ElementAt(9).InvoiceId,
            f.Db.Invoices.OrderByDescending(i => i.Total).ThenBy(i => i.InvoiceId).ElementAt(9).InvoiceId);

    // ---- operators inside nested selects

    [Fact]
    public Task Longest_track_name_per_album() =>
        Compare.RowsAsync(f.Db.Albums, f.Albums, q => q.Where(a => a.AlbumId < 40)
            .Select(a => new { a.AlbumId, Longest = a.Tracks.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Select(t => t.Name).FirstOrDefault() }));

    [Fact]
    public Task Max_and_average_price_per_album() =>
        Compare.RowsAsync(f.Db.Albums, f.Albums, q => q.Where(a => a.Tracks.Any())
            .Select(a => new { a.AlbumId, Max = a.Tracks.Max(t => t.UnitPrice), Genres = a.Tracks.Select(t => t.GenreId).Distinct().Count() }));

    [Fact]
    public Task First_three_tracks_per_album_nested() =>
        Compare.RowsAsync(f.Db.Albums, f.Albums, q => q.Where(a => a.ArtistId == 90)
            .Select(a => new { a.AlbumId, Tracks = a.Tracks.OrderBy(t => t.TrackId).Skip(1).Take(3).Select(t => t.TrackId).ToList() }),
            r => r.AlbumId + ":" + string.Join(",", r.Tracks));

    // ---- string, date and math methods

    [Fact]
    public Task Padded_and_split_names() =>
        Compare.RowsAsync(f.Db.Employees, f.Employees, q => q.Select(e => new { e.EmployeeId, Pad = e.LastName.PadLeft(12, '.'), Initial = e.FirstName.Substring(0, 1) + ". " + e.LastName }));

    [Fact]
    public Task Rounded_minutes_and_prices() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < 5)
            .Select(t => new { t.TrackId, Minutes = Math.Round(t.Milliseconds / 60000m, 2), Price = Math.Floor(t.UnitPrice), Abs = Math.Abs(t.Milliseconds - 300_000) }));

    [Fact]
    public Task Invoices_in_the_thirty_days_after_a_date() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Where(i => i.InvoiceDate.AddDays(30) > new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Unspecified)
            && i.InvoiceDate < new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Unspecified)).Select(i => i.InvoiceId));

    [Fact]
    public Task Composer_contains_any_of_several_words() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.Composer != null && (t.Composer.ToUpper().Contains("LENNON") || t.Composer.IndexOf("Young", StringComparison.Ordinal) >= 0)).Select(t => t.TrackId));

    [Fact]
    public Task String_is_null_or_whitespace() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => string.IsNullOrWhiteSpace(c.Company)).Select(c => c.CustomerId));
}
