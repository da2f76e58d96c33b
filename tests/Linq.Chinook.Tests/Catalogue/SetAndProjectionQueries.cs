using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday set operators, Cast/OfType, projection shapes, bool expressions and client code in queries.</summary>
internal static class SetAndProjectionQueries
{
    internal sealed record TrackRow(int Id, string Name, decimal Price);

    internal sealed class TrackDto
    {
        public int Id { get; init; }
        public string? Name { get; init; }
        public bool HasComposer { get; init; }
    }

    public static void Add(CatalogueBuilder c)
    {
        var minPrice = new { Value = 1.5m };
        var onlyRock = false;
        c.Rows("set/Concat", Invoices, q => q.Where(i => i.Total > 20m).Select(i => i.CustomerId).Concat(q.Where(i => i.Total < 1m).Select(i => i.CustomerId)));
        c.Rows("set/Union of anonymous", Customers, q => q.Where(x => x.Country == "USA").Select(x => new { x.Country, x.State }).Union(q.Where(x => x.Country == "Canada").Select(x => new { x.Country, x.State })));
        c.Rows("set/Intersect", Tracks, q => q.Where(t => t.GenreId == 1).Select(t => t.AlbumId).Intersect(q.Where(t => t.GenreId == 3).Select(t => t.AlbumId)));
        c.Rows("set/Except", Tracks, q => q.Select(t => t.MediaTypeId).Except(q.Where(t => t.GenreId == 1).Select(t => t.MediaTypeId)));
        c.Rows("set/Union then OrderBy Take", Customers, q => q.Where(x => x.Country == "USA").Select(x => x.CustomerId).Union(q.Where(x => x.Country == "Brazil").Select(x => x.CustomerId)).OrderBy(x => x).Take(7), ordered: true);
        c.Rows("set/Cast to a nullable", Tracks, q => q.Where(t => t.AlbumId == 1).Select(t => t.TrackId).Cast<int?>());
        c.Rows("set/Cast to object", Genres, q => q.Select(g => g.GenreId).Cast<object>());
        c.Rows("set/OfType of the same type", Genres, q => q.OfType<Models.Genre>().Select(g => g.GenreId));
        c.Rows("set/OfType drops nulls", Tracks, q => q.Where(t => t.AlbumId < 20).Select(t => t.Composer).OfType<string>());
        c.Rows("set/Cast to the same type", Genres, q => q.Select(g => g.GenreId).Cast<int>().Where(id => id > 3));
        c.Rows("set/Cast to another number type throws as in C#", Genres, q => q.Select(g => g.GenreId).Cast<long>());
        c.Rows("set/Cast to another number type of no rows", Genres, q => q.Where(g => g.GenreId < 0).Select(g => g.GenreId).Cast<long>());

        c.Rows("projection/anonymous type", Tracks, q => q.Where(t => t.AlbumId == 2).Select(t => new { t.TrackId, t.Name, t.UnitPrice }));
        c.Rows("projection/nested anonymous type", Tracks, q => q.Where(t => t.AlbumId < 4).Select(t => new { t.TrackId, Album = new { t.Album!.Title, t.Album.ArtistId } }));
        c.Rows("projection/record by constructor", Tracks, q => q.Where(t => t.AlbumId == 3).Select(t => new TrackRow(t.TrackId, t.Name, t.UnitPrice)));
        c.Rows("projection/DTO by initializer", Tracks, q => q.Where(t => t.AlbumId == 4).Select(t => new TrackDto { Id = t.TrackId, Name = t.Name, HasComposer = t.Composer != null }), key: r => (r.Id, r.Name, r.HasComposer));
        c.Rows("projection/Tuple.Create", Tracks, q => q.Where(t => t.AlbumId == 5).Select(t => Tuple.Create(t.TrackId, t.Name)));
        c.Rows("projection/ValueTuple", Tracks, q => q.Where(t => t.AlbumId == 5).Select(t => new ValueTuple<int, string>(t.TrackId, t.Name)));
        c.Rows("projection/array of columns", Invoices, q => q.Where(i => i.InvoiceId < 20).Select(i => new { i.InvoiceId, Parts = new[] { i.InvoiceDate.Year, i.InvoiceDate.Month } }), key: r => r.InvoiceId + ":" + string.Join("-", r.Parts));
        c.Rows("projection/List initializer", Invoices, q => q.Where(i => i.InvoiceId < 20).Select(i => new { i.InvoiceId, Places = new List<string?> { i.BillingCity, i.BillingCountry } }), key: r => r.InvoiceId + ":" + string.Join("-", r.Places));
        c.Rows("projection/whole row and a member", Genres, q => q.Select(g => new { g, Len = g.Name!.Length }), key: r => r.g.GenreId + ":" + r.Len);
        c.Rows("projection/bool expression", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => new { t.TrackId, NoComposer = t.Composer == null, Long = t.Milliseconds > 300_000 }));
        c.Rows("projection/conditional string", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => t.UnitPrice > 1m ? "premium" : "standard"));
        c.Rows("projection/captured member chain", Tracks, q => q.Where(t => t.UnitPrice > minPrice.Value).Select(t => t.TrackId));
        c.Rows("projection/captured bool flag", Tracks, q => q.Where(t => !onlyRock || t.GenreId == 1).Where(t => t.AlbumId == 7).Select(t => t.TrackId));
        c.Rows("projection/captured array element", Tracks, q => q.Where(t => t.GenreId == new[] { 4, 5 }[1]).Select(t => t.TrackId));
        c.Rows("projection/method on a captured value", Artists, q => q.Where(a => a.Name == "  queen ".Trim().ToUpper().Substring(0, 1) + "ueen").Select(a => a.ArtistId));
        c.Rows("projection/local function in the final Select (runs after reading)", Tracks, q => q.Where(t => t.AlbumId == 6).Select(t => Describe(t.Name, t.Milliseconds)));
        c.Rows("projection/method without row data in Where (evaluated before the query)", Tracks, q => q.Where(t => t.GenreId == PickGenre() && t.AlbumId < 100).Select(t => t.TrackId));
        c.Rows("projection/bool negation of Any", Genres, q => q.Where(g => !g.Tracks.Any(t => t.UnitPrice > 1m)).Select(g => g.GenreId));
        c.Rows("projection/Where on a projection", Tracks, q => q.Select(t => new { t.TrackId, Seconds = t.Milliseconds / 1000 }).Where(r => r.Seconds > 1000));
        c.Rows("projection/OrderBy on a projection", Genres, q => q.Select(g => new { g.GenreId, N = g.Tracks.Count() }).OrderByDescending(r => r.N).ThenBy(r => r.GenreId), ordered: true);

        c.Refused("projection/local function in Where", Tracks, q => q.Where(t => IsLong(t.Milliseconds)).Select(t => t.TrackId), "IsLong");
        c.Refused("projection/local function before an operator", Tracks, q => q.Select(t => Describe(t.Name, t.Milliseconds)).OrderBy(s => s), "Describe");
        c.Rows("set/Union with a local list", Genres, q => q.Select(g => g.GenreId).Union(new List<int> { 100 }));
        var extra = new[] { 3, 100, 100 };
        c.Rows("set/Concat Except Intersect with a captured array", Genres, q => q.Select(g => g.GenreId).Concat(extra).Except(q.Where(g => g.GenreId > 20).Select(g => g.GenreId)));
        var composers = new List<string?> { null, "AC/DC", "Nobody" };
        c.Rows("set/Intersect with a local list holding a null", Tracks, q => q.Select(t => t.Composer).Intersect(composers));
    }

    private static bool IsLong(int milliseconds) => milliseconds > 300_000;

    private static int? PickGenre() => 2;

    private static string Describe(string name, int milliseconds) => name + " (" + (milliseconds / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s)";
}
