using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday captured collections and navigation aggregates.</summary>
internal static class CollectionQueries
{
    public static void Add(CatalogueBuilder c)
    {
        var ids = new[] { 1, 5, 9, 42 };
        var idList = new List<int> { 3, 4, 5 };
        var countries = new HashSet<string> { "Canada", "France", "Norway" };
        IEnumerable<int> lazy = Enumerable.Range(1, 10).Select(x => x * 3);
        var empty = new List<int>();
        var states = new[] { "CA", null };
        var bosses = new int?[] { 1, null };
        c.Rows("collection/array Contains", Tracks, q => q.Where(t => ids.Contains(t.TrackId)).Select(t => t.TrackId));
        c.Rows("collection/List Contains", Tracks, q => q.Where(t => idList.Contains(t.MediaTypeId)).Select(t => t.TrackId));
        c.Rows("collection/HashSet Contains", Customers, q => q.Where(x => countries.Contains(x.Country!)).Select(x => x.CustomerId));
        c.Rows("collection/lazy IEnumerable Contains", Albums, q => q.Where(a => lazy.Contains(a.AlbumId)).Select(a => a.AlbumId));
        c.Rows("collection/!Contains", Genres, q => q.Where(g => !ids.Contains(g.GenreId)).Select(g => g.GenreId));
        c.Rows("collection/empty list Contains", Genres, q => q.Where(g => empty.Contains(g.GenreId)).Select(g => g.GenreId));
        c.Rows("collection/empty list !Contains", Genres, q => q.Where(g => !empty.Contains(g.GenreId)).Select(g => g.GenreId));
        c.Rows("collection/empty captured list Any()", Genres, q => q.Where(g => !empty.Any() || empty.Contains(g.GenreId)).Select(g => g.GenreId));
        c.Rows("collection/Contains of a nullable column with a null in the list", Customers, q => q.Where(x => states.Contains(x.State)).Select(x => x.CustomerId));
        c.Rows("collection/Contains of int? with null", Employees, q => q.Where(e => bosses.Contains(e.ReportsTo)).Select(e => e.EmployeeId));
        c.Rows("collection/captured list Any with a predicate", Customers, q => q.Where(x => countries.Any(k => x.Country == k)).Select(x => x.CustomerId));
        c.Rows("collection/Contains in a projection", Tracks, q => q.Where(t => t.AlbumId < 3).Select(t => new { t.TrackId, Picked = ids.Contains(t.TrackId) }));

        c.Rows("navigation/Any with a predicate", Albums, q => q.Where(a => a.Tracks.Any(t => t.Milliseconds > 600_000)).Select(a => a.AlbumId));
        c.Rows("navigation/!Any", Artists, q => q.Where(a => !a.Albums.Any()).Select(a => a.ArtistId));
        c.Rows("navigation/All", Albums, q => q.Where(a => a.Tracks.All(t => t.UnitPrice == 0.99m)).Select(a => a.AlbumId));
        c.Rows("navigation/Count with a predicate in a filter", Albums, q => q.Where(a => a.Tracks.Count(t => t.GenreId == 1) > 15).Select(a => a.AlbumId));
        c.Rows("navigation/List.Count property", Albums, q => q.Where(a => a.Tracks.Count > 20).Select(a => new { a.AlbumId, a.Tracks.Count }));
        c.Rows("navigation/Count() projected", Customers, q => q.Select(x => new { x.CustomerId, Invoices = x.Invoices.Count() }));
        c.Rows("navigation/Sum of decimal", Customers, q => q.Select(x => new { x.CustomerId, Spent = x.Invoices.Sum(i => i.Total) }));
        c.Rows("navigation/Max of int", Albums, q => q.Select(a => new { a.AlbumId, Longest = a.Tracks.Max(t => t.Milliseconds) }));
        c.Rows("navigation/Max of nullable over possibly empty", Artists, q => q.Select(a => new { a.ArtistId, Last = a.Albums.Max(al => (int?)al.AlbumId) }));
        c.Rows("navigation/Min Average", Genres, q => q.Where(g => g.Tracks.Any()).Select(g => new { g.GenreId, Min = g.Tracks.Min(t => t.Milliseconds), Avg = g.Tracks.Average(t => t.Milliseconds) }));
        c.Rows("navigation/Where then Count", Albums, q => q.Select(a => new { a.AlbumId, Composed = a.Tracks.Where(t => t.Composer != null).Count() }));
        c.Rows("navigation/Select Distinct Count", Albums, q => q.Select(a => new { a.AlbumId, Genres = a.Tracks.Select(t => t.GenreId).Distinct().Count() }));
        c.Rows("navigation/nested Sum over two levels", Artists, q => q.Where(a => a.ArtistId < 100).Select(a => new { a.ArtistId, Tracks = a.Albums.Sum(al => al.Tracks.Count()) }));
        c.Rows("navigation/OrderBy First in a projection", Albums, q => q.Where(a => a.AlbumId < 50).Select(a => new { a.AlbumId, Shortest = a.Tracks.OrderBy(t => t.Milliseconds).ThenBy(t => t.TrackId).First().Name }));
        c.Rows("navigation/FirstOrDefault of an empty relation", Artists, q => q.Where(a => a.ArtistId < 80).Select(a => new { a.ArtistId, First = a.Albums.OrderBy(al => al.AlbumId).Select(al => al.Title).FirstOrDefault() }));
        c.Rows("navigation/nested list of names", Albums, q => q.Where(a => a.AlbumId < 10).Select(a => new { a.AlbumId, Names = a.Tracks.OrderBy(t => t.TrackId).Select(t => t.Name).ToList() }), key: r => r.AlbumId + ":" + string.Join("|", r.Names));
        c.Rows("navigation/nested array of anonymous", Albums, q => q.Where(a => a.AlbumId < 10).Select(a => new { a.AlbumId, Rows = a.Tracks.OrderBy(t => t.TrackId).Select(t => new { t.TrackId, t.Milliseconds }).ToArray() }),
            key: r => r.AlbumId + ":" + string.Join("|", r.Rows.Select(x => x.TrackId + "/" + x.Milliseconds)));
        c.Rows("navigation/Skip Take Sum in a projection", Albums, q => q.Where(a => a.AlbumId < 40).Select(a => new { a.AlbumId, Two = a.Tracks.OrderBy(t => t.TrackId).Skip(1).Take(2).Sum(t => t.Milliseconds) }));
        c.Rows("navigation/Count over a navigation of the child", Playlists, q => q.Select(p => new { p.PlaylistId, Rock = p.PlaylistTracks.Count(pt => pt.Track!.GenreId == 1) }));
        c.Rows("navigation/Any inside Any", Customers, q => q.Where(x => x.Invoices.Any(i => i.Lines.Any(l => l.Track!.GenreId == 2))).Select(x => x.CustomerId));
        c.Rows("navigation/SelectMany inside a projection", Customers, q => q.Select(x => new { x.CustomerId, Items = x.Invoices.SelectMany(i => i.Lines).Sum(l => l.Quantity) }));
        c.Rows("navigation/SelectMany Count Any Max in a projection", Customers, q => q.Select(x => new
        {
            x.CustomerId,
            Lines = x.Invoices.SelectMany(i => i.Lines).Count(),
            Rock = x.Invoices.SelectMany(i => i.Lines).Any(l => l.Track!.GenreId == 1),
            Dearest = x.Invoices.SelectMany(i => i.Lines).Max(l => (decimal?)l.UnitPrice),
        }));
        c.Rows("navigation/SelectMany Count in a filter", Customers, q => q.Where(x => x.Invoices.SelectMany(i => i.Lines).Count(l => l.Quantity > 0) > 37).Select(x => x.CustomerId));
        c.Rows("navigation/nested Sum instead of SelectMany", Customers, q => q.Select(x => new { x.CustomerId, Items = x.Invoices.Sum(i => i.Lines.Sum(l => l.Quantity)) }));
        c.Rows("navigation/to-one member in a filter", Tracks, q => q.Where(t => t.Album!.Artist!.Name == "Queen").Select(t => t.TrackId));
        c.Rows("navigation/to-one ordering", Albums, q => q.Where(a => a.ArtistId < 30).OrderBy(a => a.Artist!.ArtistId).ThenByDescending(a => a.AlbumId).Select(a => a.AlbumId), ordered: true);
        c.Rows("navigation/whole related rows projected", Tracks, q => q.Where(t => t.AlbumId == 3).Select(t => new { t.TrackId, t.Genre }), key: r => r.TrackId + ":" + r.Genre!.Name);
    }
}
