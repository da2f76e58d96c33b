using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday SelectMany, joins (inner, left, group), query syntax <c>let</c>, and GroupBy shapes.</summary>
internal static class JoinAndGroupQueries
{
    public static void Add(CatalogueBuilder c)
    {
        c.Rows("join/SelectMany with a result selector", Albums, q => q.Where(a => a.ArtistId == 22).SelectMany(a => a.Tracks, (a, t) => new { a.Title, t.TrackId }));
        c.Rows("join/from from where", Customers, q => from x in q from i in x.Invoices where i.Total > 15m select new { x.CustomerId, i.InvoiceId });
        c.Rows("join/SelectMany DefaultIfEmpty (left join)", Artists, q => from a in q where a.ArtistId < 80 from al in a.Albums.DefaultIfEmpty() select new { a.ArtistId, AlbumId = al == null ? 0 : al.AlbumId });
        c.Rows("join/join into DefaultIfEmpty", Artists, Albums, (artists, albums) =>
            from a in artists
            join al in albums on a.ArtistId equals al.ArtistId into g
            from al in g.DefaultIfEmpty()
            where a.ArtistId > 200
            select new { a.ArtistId, Title = al == null ? null : al.Title });
        c.Rows("join/inner join with a filter", Tracks, Genres, (tracks, genres) =>
            from t in tracks join g in genres on t.GenreId equals g.GenreId where g.Name == "Blues" select new { t.TrackId, g.Name });
        c.Rows("join/method syntax Join", Invoices, Customers, (invoices, customers) =>
            invoices.Join(customers, i => i.CustomerId, x => x.CustomerId, (i, x) => new { i.InvoiceId, x.Country }).Where(r => r.Country == "Germany"));
        c.Rows("join/composite key", Customers, Invoices, (customers, invoices) =>
            from x in customers join i in invoices on new { x.CustomerId, x.City } equals new { i.CustomerId, City = i.BillingCity } select new { x.CustomerId, i.InvoiceId });
        c.Rows("join/group join read by Count", Genres, Tracks, (genres, tracks) =>
            from g in genres join t in tracks on g.GenreId equals t.GenreId into ts select new { g.GenreId, Count = ts.Count(), Long = ts.Count(t => t.Milliseconds > 400_000) });
        c.Rows("join/self join by cross from", Employees, Employees, (a, b) =>
            from e in a from m in b where e.ReportsTo == m.EmployeeId select new { e.EmployeeId, Manager = m.LastName });
        c.Rows("join/IN over a subquery of another table", Tracks, InvoiceLines, (tracks, lines) =>
            tracks.Where(t => t.AlbumId < 30 && !lines.Select(l => l.TrackId).Contains(t.TrackId)).Select(t => t.TrackId));
        c.Rows("join/IN over a filtered subquery of nullable values", Employees, Customers, (employees, customers) =>
            employees.Where(e => customers.Where(x => x.Country == "Canada").Select(x => x.SupportRepId).Contains(e.EmployeeId)).Select(e => e.EmployeeId));
        c.Rows("join/IN over a subquery of another table in a projection", Genres, Tracks, (genres, tracks) =>
            genres.Select(g => new { g.GenreId, Long = tracks.Where(t => t.Milliseconds > 1_000_000).Select(t => t.GenreId).Contains(g.GenreId) }));
        c.Rows("join/correlated Any over another table", Customers, Invoices, (customers, invoices) =>
            customers.Where(x => invoices.Any(i => i.CustomerId == x.CustomerId && i.Total > 20m)).Select(x => x.CustomerId));
        c.Rows("join/let in query syntax", Tracks, q =>
            from t in q let minutes = t.Milliseconds / 60000 where minutes >= 10 select new { t.TrackId, minutes });
        c.Rows("join/let with a navigation", Tracks, q =>
            from t in q let album = t.Album where album!.ArtistId == 50 select new { t.TrackId, album.Title });
        c.Rows("join/SelectMany many-to-many", Playlists, q => q.Where(p => p.PlaylistId == 12).SelectMany(p => p.PlaylistTracks).Select(pt => pt.Track!.Name));

        c.Rows("group/Key Count Sum", Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(t => (long)t.Milliseconds) }));
        c.Rows("group/Max Min Average per key", Invoices, q => q.GroupBy(i => i.CustomerId).Select(g => new { g.Key, Max = g.Max(i => i.Total), Min = g.Min(i => i.Total), Avg = g.Average(i => (double)i.Total) }),
            key: r => (r.Key, r.Max, r.Min, Math.Round(r.Avg, 9)));
        c.Rows("group/decimal Average per key", Invoices, q => q.GroupBy(i => i.BillingCountry).Select(g => new { g.Key, Avg = g.Average(i => i.Total) }), key: r => (r.Key, Math.Round(r.Avg, 12)));
        c.Rows("group/composite key with HAVING", Tracks, q => q.GroupBy(t => new { t.GenreId, t.MediaTypeId }).Where(g => g.Count() > 100).Select(g => new { g.Key.GenreId, g.Key.MediaTypeId, N = g.Count() }));
        c.Rows("group/ordered by Count then Key", Customers, q => q.GroupBy(x => x.Country).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => new { Country = g.Key, N = g.Count() }));
        c.Rows("group/First of each group by an ordering", Tracks, q => q.Where(t => t.AlbumId < 20).GroupBy(t => t.AlbumId).Select(g => new { g.Key, First = g.OrderBy(t => t.TrackId).First().Name }));
        c.Rows("group/FirstOrDefault of each group", Tracks, q => q.Where(t => t.AlbumId < 20).GroupBy(t => t.AlbumId).Select(g => new { g.Key, Longest = g.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Select(t => t.TrackId).FirstOrDefault() }));
        c.Rows("group/whole first row of each group", Tracks, q => q.Where(t => t.AlbumId < 20).GroupBy(t => t.AlbumId).Select(g => new { g.Key, First = g.OrderBy(t => t.Bytes / 1_000_000).First() }),
            key: r => (r.Key, r.First.TrackId, r.First.Name, r.First.Composer, r.First.UnitPrice, r.First.Bytes));
        c.Rows("group/Last of each group by a nullable key", Tracks, q => q.Where(t => t.AlbumId < 40).GroupBy(t => t.GenreId).Select(g => new { g.Key, Last = g.OrderBy(t => t.Composer == null ? (int?)null : t.Milliseconds / 60_000).Last().TrackId }));
        c.Rows("group/FirstOrDefault of a filtered group", Tracks, q => q.GroupBy(t => t.MediaTypeId).Select(g => new { g.Key, Long = g.Where(t => t.Milliseconds > 1_000_000).OrderBy(t => t.Milliseconds).Select(t => t.Name).FirstOrDefault() }));
        c.Rows("group/First without an ordering (primary-key order)", Tracks, q => q.GroupBy(t => t.AlbumId).Select(g => new { g.Key, First = g.First().Name, Last = g.Select(t => t.TrackId).LastOrDefault() }));
        c.Rows("group/nullable key", Tracks, q => q.Where(t => t.AlbumId < 30).GroupBy(t => t.Composer).Select(g => new { g.Key, N = g.Count() }));
        c.Rows("group/filtered Count per key", Tracks, q => q.GroupBy(t => t.MediaTypeId).Select(g => new { g.Key, Expensive = g.Count(t => t.UnitPrice > 1m) }));
        c.Rows("group/Distinct Count per key", Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new { g.Key, Albums = g.Select(t => t.AlbumId).Distinct().Count() }));
        c.Rows("group/Distinct Count of nullable values", Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new { g.Key, Composers = g.Select(t => t.Composer).Distinct().Count() }));
        c.Rows("group/element selector", Tracks, q => q.GroupBy(t => t.GenreId, t => t.Milliseconds).Select(g => new { g.Key, Sum = g.Sum(), Max = g.Max(), Count = g.Count() }));
        c.Rows("group/element and result selector", Tracks, q => q.GroupBy(t => t.MediaTypeId, t => t.UnitPrice, (k, prices) => new { k, Max = prices.Max(), N = prices.Count() }));
        c.Rows("group/result selector", Tracks, q => q.GroupBy(t => t.MediaTypeId, (k, g) => new { k, N = g.Count() }));
        c.Rows("group/by a navigation member", Tracks, q => q.GroupBy(t => t.Genre!.Name).Select(g => new { g.Key, N = g.Count() }));
        c.Rows("group/by a bool", Tracks, q => q.GroupBy(t => t.UnitPrice > 1m).Select(g => new { g.Key, N = g.Count() }));
        c.Rows("group/by year of a date", Invoices, q => q.GroupBy(i => i.InvoiceDate.Year).Select(g => new { Year = g.Key, Total = g.Sum(i => i.Total) }));
        c.Rows("group/by year and month", Invoices, q => q.GroupBy(i => new { i.InvoiceDate.Year, i.InvoiceDate.Month }).Select(g => new { g.Key.Year, g.Key.Month, N = g.Count() }));
        c.Rows("group/keys only", Customers, q => q.GroupBy(x => x.Country).Select(g => g.Key));
        c.Rows("group/count of groups", Tracks, q => q.GroupBy(t => t.AlbumId).Select(g => g.Key).Where(k => k > 300));
        c.Rows("group/query syntax group by into", InvoiceLines, q => from l in q group l by l.InvoiceId into g where g.Sum(l => l.Quantity) > 10 select new { g.Key, Qty = g.Sum(l => l.Quantity) });
        c.Rows("group/first row of each group by OrderBy DistinctBy (the advised form)", Tracks, q => q.Where(t => t.AlbumId < 20).OrderBy(t => t.TrackId).DistinctBy(t => t.AlbumId).Select(t => new { t.AlbumId, t.Name }));
        c.Value("group/count of groups by distinct keys (the advised form)", Tracks, q => q.Select(t => t.Composer).Distinct().Count());
        c.Value("group/Count of groups", Tracks, q => q.GroupBy(t => t.Composer).Count());
        c.Value("group/LongCount of groups after Where", Tracks, q => q.Where(t => t.AlbumId < 50).GroupBy(t => t.AlbumId).LongCount());
        c.Value("group/Any group", Tracks, q => q.Where(t => t.Milliseconds < 0).GroupBy(t => t.Composer).Any());
        c.Value("group/All groups", Tracks, q => q.GroupBy(t => t.AlbumId).All(g => g.Count() > 3));
        c.Value("group/All after Take", Tracks, q => q.OrderBy(t => t.TrackId).Take(40).All(t => t.Milliseconds > 150_000));
        c.Value("group/All after Distinct", Tracks, q => q.Select(t => t.MediaTypeId).Distinct().All(m => m < 5));

        c.Rows("group/the group as a list", Tracks, q => q.GroupBy(t => t.MediaTypeId).Select(g => new { g.Key, Ids = g.Select(t => t.TrackId).ToList() }), key: r => (r.Key, string.Join(",", r.Ids)));
        c.Rows("group/the group as an ordered array", Tracks, q => q.Where(t => t.AlbumId < 10).GroupBy(t => t.AlbumId).Select(g => new { g.Key, Names = g.OrderBy(t => t.Composer).Select(t => t.Composer).ToArray() }),
            key: r => (r.Key, string.Join("|", r.Names.Select(n => n ?? "<null>"))));
    }
}
