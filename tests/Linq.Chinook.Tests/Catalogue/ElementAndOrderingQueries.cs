using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday ordering, paging, element operators and terminal aggregates (empty sets included).</summary>
internal static class ElementAndOrderingQueries
{
    public static void Add(CatalogueBuilder c)
    {
        c.Rows("order/OrderBy ThenByDescending Take", Tracks, q => q.OrderBy(t => t.Milliseconds).ThenByDescending(t => t.TrackId).Take(10).Select(t => t.TrackId), ordered: true);
        c.Rows("order/OrderByDescending Skip Take", Invoices, q => q.OrderByDescending(i => i.Total).ThenBy(i => i.InvoiceId).Skip(10).Take(5).Select(i => i.InvoiceId), ordered: true);
        c.Rows("order/Reverse", Genres, q => q.OrderBy(g => g.GenreId).Reverse().Select(g => g.GenreId), ordered: true);
        c.Rows("order/conditional in OrderBy", Customers, q => q.OrderBy(x => x.State == null ? 1 : 0).ThenBy(x => x.CustomerId).Select(x => x.CustomerId), ordered: true);
        c.Rows("order/nested conditional (a switch) in a projection", Tracks, q => q.Where(t => t.AlbumId < 10)
            .Select(t => new { t.TrackId, Size = t.Milliseconds < 180_000 ? "short" : t.Milliseconds < 300_000 ? "medium" : "long" }));
        c.Rows("order/conditional in Where", Invoices, q => q.Where(i => (i.BillingCountry == "USA" ? i.Total > 10m : i.Total > 15m)).Select(i => i.InvoiceId));
        c.Rows("order/Take then Where", Tracks, q => q.OrderBy(t => t.TrackId).Take(100).Where(t => t.Milliseconds > 300_000).Select(t => t.TrackId));
        c.Rows("order/Take then OrderBy again", Tracks, q => q.OrderBy(t => t.TrackId).Take(50).OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Select(t => t.TrackId), ordered: true);
        c.Rows("order/Skip beyond the end", Genres, q => q.OrderBy(g => g.GenreId).Skip(1000).Select(g => g.GenreId));
        c.Rows("order/Take(0)", Genres, q => q.OrderBy(g => g.GenreId).Take(0).Select(g => g.GenreId));
        c.Rows("order/Distinct", Tracks, q => q.Select(t => t.UnitPrice).Distinct());
        c.Rows("order/Distinct of anonymous", Invoices, q => q.Select(i => new { i.BillingCountry, i.BillingState }).Distinct());
        c.Rows("order/several Where calls", Tracks, q => q.Where(t => t.GenreId == 1).Where(t => t.Milliseconds > 300_000).Where(t => t.Composer != null).Select(t => t.TrackId));

        c.Value("element/First ordered", Tracks, q => q.OrderBy(t => t.Milliseconds).ThenBy(t => t.TrackId).First().TrackId);
        c.Value("element/First with a predicate", Tracks, q => q.OrderBy(t => t.TrackId).First(t => t.Composer == null).TrackId);
        c.Value("element/FirstOrDefault no match", Tracks, q => q.FirstOrDefault(t => t.Milliseconds < 0));
        c.Value("element/FirstOrDefault of a projection no match", Tracks, q => q.Where(t => t.Milliseconds < 0).Select(t => t.TrackId).FirstOrDefault());
        c.Value("element/First on empty throws", Tracks, q => q.Where(t => t.Milliseconds < 0).First());
        c.Value("element/Single by key", Customers, q => q.Single(x => x.Email == "luisg@embraer.com.br").CustomerId);
        c.Value("element/Single with two matches throws", Customers, q => q.Single(x => x.Country == "Brazil"));
        c.Value("element/SingleOrDefault no match", Customers, q => q.SingleOrDefault(x => x.Country == "Atlantis"));
        c.Value("element/SingleOrDefault with two matches throws", Customers, q => q.SingleOrDefault(x => x.Country == "Brazil"));
        c.Value("element/Last ordered", Invoices, q => q.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Last().InvoiceId);
        c.Value("element/LastOrDefault with a predicate", Invoices, q => q.OrderBy(i => i.InvoiceId).LastOrDefault(i => i.Total > 20m)?.InvoiceId);
        c.Value("element/ElementAt", Tracks, q => q.OrderBy(t => t.TrackId).ElementAt(5).Name);
        c.Value("element/ElementAtOrDefault past the end", Tracks, q => q.OrderBy(t => t.TrackId).ElementAtOrDefault(100_000));
        c.Value("element/Max of empty non-nullable throws", Tracks, q => q.Where(t => t.Milliseconds < 0).Max(t => t.Milliseconds));
        c.Value("element/Max of empty nullable is null", Tracks, q => q.Where(t => t.Milliseconds < 0).Max(t => (int?)t.Milliseconds));
        c.Value("element/Min of empty decimal throws", Invoices, q => q.Where(i => i.Total < 0).Min(i => i.Total));
        c.Value("element/Average of ints", Tracks, q => q.Average(t => t.Milliseconds), key: r => Math.Round(r, 9));
        c.Value("element/Average of empty ints throws", Tracks, q => q.Where(t => t.Milliseconds < 0).Average(t => t.Milliseconds));
        c.Value("element/Average of empty nullable is null", Tracks, q => q.Where(t => t.Milliseconds < 0).Average(t => t.Bytes));
        c.Value("element/Sum of nullable", Tracks, q => q.Where(t => t.AlbumId < 50).Sum(t => t.Bytes));
        c.Value("element/Sum of nullable within range", Tracks, q => q.Where(t => t.AlbumId < 5).Sum(t => t.Bytes));
        c.Value("element/FirstOrDefault by a unique key without an ordering", Tracks, q => q.FirstOrDefault(t => t.TrackId == 77)!.Name);
        c.Value("element/Sum of empty is zero", Invoices, q => q.Where(i => i.Total < 0).Sum(i => i.Total));
        c.Value("element/Count vs LongCount", Tracks, q => (q.Count(t => t.Composer == null), q.LongCount(t => t.Composer != null)));
        c.Value("element/Any on empty and All on empty", Tracks, q => (q.Where(t => t.Milliseconds < 0).Any(), q.Where(t => t.Milliseconds < 0).All(t => t.Milliseconds > 0)));
        c.Value("element/All with a predicate", Invoices, q => q.All(i => i.Total > 0m));
        c.Value("element/Contains of a value", Tracks, q => q.Select(t => t.GenreId).Contains(25));
        c.Value("element/Contains of a null and of a string", Tracks, q => (q.Select(t => t.Composer).Contains(null), q.Where(t => t.AlbumId == 1).Select(t => t.Name).Contains("Snowballed")));
        c.Refused("element/Contains of a row", Genres, q => q.Contains(new Models.Genre { GenreId = 1 }), "Any(x => x.Member == value)");
        c.Value("element/Contains after Distinct", Tracks, q => q.Select(t => t.GenreId).Distinct().Contains(25));
        c.Value("element/Contains after Take", Tracks, q => (q.OrderBy(t => t.TrackId).Select(t => t.GenreId).Take(10).Contains(1), q.OrderBy(t => t.TrackId).Select(t => t.GenreId).Take(10).Contains(2)));
        c.Value("element/Contains after Skip", Tracks, q => (q.OrderBy(t => t.TrackId).Select(t => t.TrackId).Skip(3500).Contains(3400), q.OrderBy(t => t.TrackId).Select(t => t.TrackId).Skip(3500).Contains(3501)));
        c.Value("element/Contains after Where and OrderBy", Tracks, q => (q.Where(t => t.AlbumId == 1).OrderBy(t => t.Name).Select(t => t.Name).Contains("Snowballed"), q.Where(t => t.AlbumId == 2).OrderBy(t => t.Name).Select(t => t.Name).Contains("Snowballed")));
        c.Value("element/Contains of a null after Distinct", Tracks, q => q.Select(t => t.Composer).Distinct().Contains(null));
        c.Value("element/Distinct Count", Tracks, q => q.Select(t => t.Composer).Distinct().Count());
        c.Value("element/Take then Count", Tracks, q => q.OrderBy(t => t.TrackId).Skip(3500).Take(10).Count());
        c.Value("element/Min of a string", Customers, q => q.Min(x => x.LastName));
        c.Value("element/Max of a date", Invoices, q => q.Max(i => i.InvoiceDate));
        c.Value("element/MaxBy", Tracks, q => q.MaxBy(t => t.Bytes)!.TrackId);
        c.Value("element/query reused twice", Tracks, q =>
        {
            var query = q.Where(t => t.GenreId == 3).Select(t => t.TrackId);
            return (query.Count(), query.Sum(), query.ToList().Count);
        });
        c.Value("element/same query with different captured values", Tracks, q =>
        {
            var counts = new List<int>();
            foreach (var genre in new int?[] { 1, 2, null, 3 })
            {
                counts.Add(q.Count(t => t.GenreId == genre));
            }

            return string.Join(",", counts);
        });

        c.Refused("element/Zip", Tracks, q => q.Select(t => t.TrackId).Zip(q.Select(t => t.Name)).ToList(), "Zip the lists");
        c.Refused("element/Chunk", Tracks, q => q.OrderBy(t => t.TrackId).Chunk(100).ToList(), "Skip");
        c.Refused("element/Aggregate", Tracks, q => q.Select(t => t.Milliseconds).Aggregate((a, b) => a + b), "Sum");
        c.Refused("element/SkipWhile", Tracks, q => q.OrderBy(t => t.TrackId).SkipWhile(t => t.Milliseconds < 300_000).ToList(), "Where");
        c.Refused("element/Append", Genres, q => q.Select(g => g.GenreId).Append(100).ToList(), "Concat");
        c.Refused("element/Last without an ordering", Genres, q => q.Last(), "OrderBy");
    }
}
