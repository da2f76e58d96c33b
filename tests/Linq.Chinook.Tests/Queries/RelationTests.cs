using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// Include/ThenInclude (artist → albums → tracks, invoice → lines → track, playlist → links → track, the employee
/// self-reference), filtered includes, with both load strategies; the graphs are compared with the wired rows.
/// </summary>
[Collection("chinook")]
public sealed class RelationTests(ChinookFixture f)
{
    public static TheoryData<LoadStrategy> Strategies => new() { LoadStrategy.Join, LoadStrategy.Query };

    private static IQueryable<T> With<T>(IQueryable<T> query, LoadStrategy strategy) => strategy == LoadStrategy.Join ? query : query.RelationLoadStrategy(strategy);

    [Theory, MemberData(nameof(Strategies))]
    public async Task Artist_albums_tracks(LoadStrategy strategy)
    {
        var query = With(f.Db.Artists.Where(a => a.ArtistId <= 60).OrderBy(a => a.ArtistId).Include(a => a.Albums).ThenInclude(al => al.Tracks), strategy);
        var expected = f.Artists.Where(a => a.ArtistId <= 60).Select(Describe);
        Compare.Same([.. expected], [.. (await Compare.ListAsync(query)).Select(Describe)], ordered: true, Compare.Sql(query));
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task Invoice_lines_track_and_customer(LoadStrategy strategy)
    {
        var query = With(f.Db.Invoices.Where(i => i.BillingCountry == "Germany").OrderBy(i => i.InvoiceId)
            .Include(i => i.Lines).ThenInclude(l => l.Track).Include(i => i.Customer), strategy);
        var expected = f.Invoices.Where(i => i.BillingCountry == "Germany").Select(Describe);
        Compare.Same([.. expected], [.. (await Compare.ListAsync(query)).Select(Describe)], ordered: true, Compare.Sql(query));
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task Playlist_links_tracks_and_genre(LoadStrategy strategy)
    {
        var query = With(f.Db.Playlists.Where(p => p.PlaylistId >= 9).OrderBy(p => p.PlaylistId)
            .Include(p => p.PlaylistTracks).ThenInclude(pt => pt.Track).ThenInclude(t => t!.Genre), strategy);
        static string Show(Playlist p) => p.PlaylistId + ":" + string.Join(",", p.PlaylistTracks.OrderBy(pt => pt.TrackId).Select(pt => pt.Track!.Name + "/" + pt.Track.Genre!.Name));
        var expected = f.Playlists.Where(p => p.PlaylistId >= 9).Select(Show);
        Compare.Same([.. expected], [.. (await Compare.ListAsync(query)).Select(Show)], ordered: true, Compare.Sql(query));
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task Employee_manager_reports_and_customers(LoadStrategy strategy)
    {
        var query = With(f.Db.Employees.OrderBy(e => e.EmployeeId).Include(e => e.Manager).Include(e => e.Reports).Include(e => e.Customers), strategy);
        static string Show(Employee e) => $"{e.EmployeeId}:{e.Manager?.LastName ?? "-"}:[{string.Join(",", e.Reports.Select(r => r.EmployeeId).Order())}]"
            + $":[{string.Join(",", e.Customers.Select(c => c.CustomerId).Order())}]";
        Compare.Same([.. f.Employees.Select(Show)], [.. (await Compare.ListAsync(query)).Select(Show)], ordered: true, Compare.Sql(query));
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task Filtered_include_longest_tracks_per_album(LoadStrategy strategy)
    {
        var query = With(f.Db.Albums.Where(a => a.ArtistId < 30).OrderBy(a => a.AlbumId)
            .Include(a => a.Tracks.Where(t => t.Milliseconds > 200_000).OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Take(3)), strategy);
        static string Show(Album a, IEnumerable<Track> tracks) => a.AlbumId + ":" + string.Join(",", tracks.Select(t => t.TrackId));
        var expected = f.Albums.Where(a => a.ArtistId < 30)
            .Select(a => Show(a, a.Tracks.Where(t => t.Milliseconds > 200_000).OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Take(3)));
        Compare.Same([.. expected], [.. (await Compare.ListAsync(query)).Select(a => Show(a, a.Tracks))], ordered: true, Compare.Sql(query));
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task Customer_invoices_with_rep_paged(LoadStrategy strategy)
    {
        var query = With(f.Db.Customers.OrderBy(c => c.CustomerId).Skip(10).Take(15).Include(c => c.SupportRep).Include(c => c.Invoices), strategy);
        static string Show(Customer c) => $"{c.CustomerId}:{c.SupportRep?.LastName}:[{string.Join(",", c.Invoices.Select(i => i.InvoiceId + "=" + i.Total).Order(StringComparer.Ordinal))}]";
        Compare.Same([.. f.Customers.Skip(10).Take(15).Select(Show)], [.. (await Compare.ListAsync(query)).Select(Show)], ordered: true, Compare.Sql(query));
    }

    [Fact]
    public async Task Track_to_one_album_artist_then_include()
    {
        var query = f.Db.Tracks.Where(t => t.Name.StartsWith("B")).OrderBy(t => t.TrackId).Include(t => t.Album).ThenInclude(a => a!.Artist).Include(t => t.MediaType);
        static string Show(Track t) => $"{t.TrackId}:{t.Album?.Title}:{t.Album?.Artist?.Name}:{t.MediaType?.Name}";
        Compare.Same([.. f.Tracks.Where(t => t.Name.StartsWith('B')).Select(Show)], [.. (await Compare.ListAsync(query)).Select(Show)], ordered: true, Compare.Sql(query));
    }

    private static object? Describe(Artist a) =>
        a.ArtistId + ":" + a.Name + ":[" + string.Join(";", a.Albums.OrderBy(al => al.AlbumId).Select(al => al.Title + "(" + string.Join(",", al.Tracks.OrderBy(t => t.TrackId).Select(t => t.TrackId + "/" + t.Milliseconds)) + ")")) + "]";

    private static object? Describe(Invoice i) =>
        i.InvoiceId + ":" + i.Customer?.Email + ":" + i.Total + ":[" + string.Join(",", i.Lines.OrderBy(l => l.InvoiceLineId).Select(l => l.Quantity + "x" + l.Track?.Name + "@" + l.UnitPrice)) + "]";
}
