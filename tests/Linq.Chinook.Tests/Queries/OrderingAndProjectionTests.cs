using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>Ordering (also by navigation members and text, which sorts by code point), Skip/Take, Distinct and projections.</summary>
[Collection("chinook")]
public sealed class OrderingAndProjectionTests(ChinookFixture f)
{
    [Fact]
    public Task Tracks_by_length_then_id_first_page() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.OrderBy(t => t.Milliseconds).ThenBy(t => t.TrackId).Take(20).Select(t => t.TrackId), ordered: true);

    [Fact]
    public Task Tracks_by_price_desc_skip_take() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.OrderByDescending(t => t.UnitPrice).ThenBy(t => t.TrackId).Skip(100).Take(50).Select(t => t.TrackId), ordered: true);

    [Fact]
    public Task Largest_invoices() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.OrderByDescending(i => i.Total).ThenBy(i => i.InvoiceId).Take(10).Select(i => new { i.InvoiceId, i.Total }), ordered: true);

    [Fact]
    public Task Invoices_by_date_then_id_desc_last_rows() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.OrderBy(i => i.InvoiceDate).ThenByDescending(i => i.InvoiceId).Skip(400).Select(i => i.InvoiceId), ordered: true);

    [Fact]
    public Task Where_after_order_and_take_inside_a_page() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.GenreId == 1).OrderByDescending(t => t.Bytes).ThenBy(t => t.TrackId).Skip(10).Take(15).Select(t => t.TrackId), ordered: true);

    [Fact]
    public Task Tracks_by_album_title_then_id() => Compare.ExpectAsync(
        f.Db.Tracks.Where(t => t.GenreId == 3).OrderBy(t => t.Album!.Title).ThenBy(t => t.TrackId).Select(t => t.TrackId),
        f.Tracks.Where(t => t.GenreId == 3).OrderBy(t => t.Album!.Title, StringComparer.Ordinal).ThenBy(t => t.TrackId).Select(t => (object?)t.TrackId),
        id => id);

    [Fact]
    public Task Customers_by_country_last_name() => Compare.ExpectAsync(
        f.Db.Customers.OrderBy(c => c.Country).ThenBy(c => c.LastName).ThenBy(c => c.CustomerId).Select(c => c.CustomerId),
        f.Customers.OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.LastName, StringComparer.Ordinal).ThenBy(c => c.CustomerId).Select(c => (object?)c.CustomerId),
        id => id);

    [Fact]
    public Task Artists_by_name_desc() => Compare.ExpectAsync(
        f.Db.Artists.OrderByDescending(a => a.Name).ThenBy(a => a.ArtistId).Take(40).Select(a => a.ArtistId),
        f.Artists.OrderByDescending(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.ArtistId).Take(40).Select(a => (object?)a.ArtistId),
        id => id);

    [Fact]
    public Task Employees_by_manager_name_then_id() => Compare.ExpectAsync(
        f.Db.Employees.Where(e => e.ReportsTo != null).OrderBy(e => e.Manager!.LastName).ThenBy(e => e.EmployeeId).Select(e => e.EmployeeId),
        f.Employees.Where(e => e.ReportsTo != null).OrderBy(e => e.Manager!.LastName, StringComparer.Ordinal).ThenBy(e => e.EmployeeId).Select(e => (object?)e.EmployeeId),
        id => id);

    [Fact]
    public Task Track_with_album_artist_genre_names() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.GenreId == 2)
            .Select(t => new { t.TrackId, t.Name, Album = t.Album!.Title, Artist = t.Album.Artist!.Name, Genre = t.Genre!.Name, Media = t.MediaType!.Name }));

    [Fact]
    public Task Computed_columns() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < 20)
            .Select(t => new { t.TrackId, Seconds = t.Milliseconds / 1000, Double = t.UnitPrice * 2, Rest = t.Milliseconds % 1000, Kb = (t.Bytes ?? 0) / 1024 }));

    [Fact]
    public Task Distinct_billing_countries() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.Select(i => i.BillingCountry).Distinct());

    [Fact]
    public Task Distinct_composer_and_genre_pairs() =>
        Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < 50).Select(t => new { t.Composer, t.GenreId }).Distinct());

    [Fact]
    public Task Coalesced_company() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Company = c.Company ?? "(none)", State = c.State ?? c.Country }));

    [Fact]
    public Task Conditional_manager_name() =>
        Compare.RowsAsync(f.Db.Employees, f.Employees, q => q.Select(e => new { e.EmployeeId, Manager = e.Manager == null ? "(top)" : e.Manager.LastName }));

    [Fact]
    public Task Nested_select_album_titles_per_artist() =>
        Compare.RowsAsync(f.Db.Artists, f.Artists,
            q => q.Where(a => a.ArtistId <= 30).OrderBy(a => a.ArtistId).Select(a => new { a.ArtistId, Albums = a.Albums.OrderBy(al => al.AlbumId).Select(al => al.Title).ToList() }),
            r => r.ArtistId + ":" + string.Join("|", r.Albums), ordered: true);

    [Fact]
    public Task Nested_count_and_sum_per_album() =>
        Compare.RowsAsync(f.Db.Albums, f.Albums, q => q.Select(a => new { a.AlbumId, Count = a.Tracks.Count(), Length = a.Tracks.Sum(t => t.Milliseconds) }));

    [Fact]
    public Task Nested_lines_per_invoice() =>
        Compare.RowsAsync(f.Db.Invoices, f.Invoices,
            q => q.Where(i => i.CustomerId == 5).Select(i => new { i.InvoiceId, Lines = i.Lines.OrderBy(l => l.InvoiceLineId).Select(l => new { l.TrackId, l.Quantity, l.UnitPrice }).ToList() }),
            r => r.InvoiceId + ":" + string.Join("|", r.Lines));

    [Fact]
    public Task Money_spent_per_customer() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Spent = c.Invoices.Sum(i => i.Total), Invoices = c.Invoices.Count() }));

    [Fact]
    public Task Tracks_of_playlist_through_the_link_table() =>
        Compare.RowsAsync(f.Db.Playlists, f.Playlists,
            q => q.OrderBy(p => p.PlaylistId).Select(p => new { p.PlaylistId, Tracks = p.PlaylistTracks.Count(), Long = p.PlaylistTracks.Count(pt => pt.Track!.Milliseconds > 300_000) }),
            ordered: true);

    [Fact]
    public Task Customer_with_rep_and_rep_manager() =>
        Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Rep = c.SupportRep!.LastName, Boss = c.SupportRep.Manager!.LastName }));
}
