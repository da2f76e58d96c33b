using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday string queries: matching, case, trimming, cutting, padding, joining, comparing.</summary>
internal static class StringQueries
{
    public static void Add(CatalogueBuilder c)
    {
        var prefix = "the";
        c.Rows("string/StartsWith OrdinalIgnoreCase", Tracks, q => q.Where(t => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(t => t.TrackId));
        c.Rows("string/EndsWith OrdinalIgnoreCase", Tracks, q => q.Where(t => t.Name.EndsWith("LOVE", StringComparison.OrdinalIgnoreCase)).Select(t => t.TrackId));
        c.Rows("string/Contains OrdinalIgnoreCase", Tracks, q => q.Where(t => t.Name.Contains("night", StringComparison.OrdinalIgnoreCase)).Select(t => t.TrackId));
        c.Rows("string/Contains Ordinal", Tracks, q => q.Where(t => t.Name.Contains("Night", StringComparison.Ordinal)).Select(t => t.TrackId));
        c.Rows("string/ToUpper().Contains", Tracks, q => q.Where(t => t.Name.ToUpper().Contains("LOVE")).Select(t => t.TrackId));
        c.Rows("string/ToLower().StartsWith captured", Artists, q => q.Where(a => a.Name != null && a.Name.ToLower().StartsWith(prefix)).Select(a => a.ArtistId));
        c.Rows("string/ToUpperInvariant ToLowerInvariant", Genres, q => q.Select(g => new { g.GenreId, U = g.Name!.ToUpperInvariant(), L = g.Name.ToLowerInvariant() }));
        c.Rows("string/StartsWith char", Tracks, q => q.Where(t => t.Name.StartsWith('Z')).Select(t => t.TrackId));
        c.Rows("string/EndsWith char", Tracks, q => q.Where(t => t.Name.EndsWith('!')).Select(t => t.TrackId));
        c.Rows("string/Contains char", Customers, q => q.Where(x => x.Email.Contains('_')).Select(x => x.CustomerId));
        c.Rows("string/Contains with LIKE wildcards in the value", Tracks, q => q.Where(t => t.Name.Contains("%") || t.Name.Contains("_") || t.Name.Contains("[")).Select(t => t.TrackId));
        c.Rows("string/IsNullOrWhiteSpace", Customers, q => q.Where(x => string.IsNullOrWhiteSpace(x.Company)).Select(x => x.CustomerId));
        c.Rows("string/IsNullOrEmpty negated", Customers, q => q.Where(x => !string.IsNullOrEmpty(x.State)).Select(x => x.CustomerId));
        c.Rows("string/Trim TrimStart TrimEnd", Customers, q => q.Select(x => new { x.CustomerId, A = (" " + x.FirstName + " ").Trim(), B = (" " + x.FirstName).TrimStart(), C = (x.FirstName + " ").TrimEnd() }));
        c.Rows("string/Trim with chars", Tracks, q => q.Where(t => t.TrackId < 400).Select(t => new { t.TrackId, T = t.Name.Trim('(', ')', ' ') }));
        c.Rows("string/TrimStart char TrimEnd char", Tracks, q => q.Where(t => t.TrackId < 400).Select(t => new { t.TrackId, S = t.Name.TrimStart('T'), E = t.Name.TrimEnd('s') }));
        c.Rows("string/Substring(1)", Customers, q => q.Select(x => new { x.CustomerId, Rest = x.LastName.Substring(1) }));
        c.Rows("string/Substring guarded by Length", Tracks, q => q.Where(t => t.AlbumId < 30).Select(t => new { t.TrackId, Short = t.Name.Length > 10 ? t.Name.Substring(0, 10) + "..." : t.Name }));
        c.Rows("string/IndexOf char", Customers, q => q.Select(x => new { x.CustomerId, At = x.Email.IndexOf('@') }));
        c.Rows("string/IndexOf Ordinal in filter", Tracks, q => q.Where(t => t.Name.IndexOf("an", StringComparison.Ordinal) > 3).Select(t => t.TrackId));
        c.Rows("string/email domain by IndexOf and Substring", Customers, q => q.Select(x => new { x.CustomerId, Domain = x.Email.Substring(x.Email.IndexOf('@') + 1) }));
        c.Rows("string/Replace", Tracks, q => q.Where(t => t.AlbumId < 20).Select(t => new { t.TrackId, R = t.Name.Replace(" ", "_") }));
        c.Rows("string/Replace then Length", Tracks, q => q.Where(t => t.Name.Replace(" ", "").Length < 5).Select(t => t.TrackId));
        c.Rows("string/PadLeft of a number", Invoices, q => q.Where(i => i.InvoiceId < 50).Select(i => new { i.InvoiceId, Number = i.InvoiceId.ToString().PadLeft(6, '0') }));
        c.Rows("string/PadRight", Genres, q => q.Select(g => g.Name!.PadRight(12, '.') + "|"));
        c.Rows("string/string.Concat of three", Customers, q => q.Select(x => string.Concat(x.FirstName, " ", x.LastName)));
        c.Rows("string/interpolated strings", Customers, q => q.Select(x => new { x.CustomerId, Name = $"{x.LastName}, {x.FirstName}", Line = $"#{x.CustomerId}: {x.Country}" }));
        c.Rows("string/concatenation with a nullable column", Customers, q => q.Select(x => x.FirstName + " (" + x.Company + ")"));
        c.Rows("string/concatenation with a number", Tracks, q => q.Where(t => t.AlbumId == 1).Select(t => t.Name + " #" + t.TrackId + " " + t.Milliseconds / 1000 + "s"));
        c.Rows("string/string.Join over a navigation", Albums, q => q.Where(a => a.AlbumId < 20).Select(a => new { a.AlbumId, Names = string.Join(", ", a.Tracks.OrderBy(t => t.TrackId).Select(t => t.Name)) }));
        c.Rows("string/string.Join of columns", Customers, q => q.Select(x => string.Join("/", new[] { x.City, x.State, x.Country })));
        c.Rows("string/Length in filter and projection", Artists, q => q.Where(a => a.Name!.Length > 20).Select(a => new { a.ArtistId, a.Name!.Length }));
        c.Rows("string/ordered by Length then id", Albums, q => q.OrderByDescending(a => a.Title.Length).ThenBy(a => a.AlbumId).Take(25).Select(a => a.AlbumId), ordered: true);
        c.Rows("string/CompareOrdinal", Customers, q => q.Where(x => string.CompareOrdinal(x.LastName, "M") < 0).Select(x => x.CustomerId));
        c.Rows("string/Compare Ordinal", Customers, q => q.Where(x => string.Compare(x.LastName, "M", StringComparison.Ordinal) >= 0).Select(x => x.CustomerId));
        c.Rows("string/Equals OrdinalIgnoreCase", Customers, q => q.Where(x => x.Country!.Equals("usa", StringComparison.OrdinalIgnoreCase)).Select(x => x.CustomerId));
        c.Rows("string/instance Equals", Customers, q => q.Where(x => x.Country!.Equals("Brazil")).Select(x => x.CustomerId));
        c.Rows("string/static string.Equals", Customers, q => q.Where(x => string.Equals(x.State, "CA")).Select(x => x.CustomerId));
        c.Rows("string/char of a string by index", Customers, q => q.Where(x => x.LastName[0] == 'S').Select(x => x.CustomerId));
        var position = 2;
        var letter = 'r';
        c.Rows("string/char by a captured index compared with a captured char", Customers, q => q.Where(x => x.FirstName.Length > position && x.FirstName[position] == letter).Select(x => x.CustomerId));
        c.Rows("string/char ordered comparison", Customers, q => q.Where(x => x.LastName[0] < 'H').Select(x => x.CustomerId));
        c.Rows("string/char projected", Customers, q => q.Select(x => new { x.CustomerId, Initial = x.LastName[0] }));
        c.Rows("string/first character by Substring (the advised form)", Customers, q => q.Where(x => x.LastName.Substring(0, 1) == "S").Select(x => x.CustomerId));
        c.Rows("string/first letter projected", Artists, q => q.Where(a => a.ArtistId < 60).Select(a => new { a.ArtistId, First = a.Name!.Substring(0, 1) }));
        c.Rows("string/StartsWith another column", Customers, q => q.Where(x => x.Email.StartsWith(x.FirstName.ToLower())).Select(x => x.CustomerId));
        c.Rows("string/null-coalesced column in a filter", Customers, q => q.Where(x => (x.Company ?? "").Length == 0).Select(x => x.CustomerId));
        c.Rows("string/Contains of a captured string in a column", Customers, q => q.Where(x => "Brazil, Chile, Argentina".Contains(x.Country!)).Select(x => x.CustomerId));
        c.Rows("string/LastIndexOf char", Customers, q => q.Select(x => new { x.CustomerId, Dot = x.Email.LastIndexOf('.') }));
        c.Rows("string/Remove", Customers, q => q.Select(x => new { x.CustomerId, R = x.LastName.Remove(1) }));

        c.Refused("string/CompareTo (culture)", Customers, q => q.Where(x => x.LastName.CompareTo("M") < 0).Select(x => x.CustomerId), "CompareOrdinal");
        c.Refused("string/string.Compare (culture)", Customers, q => q.Where(x => string.Compare(x.LastName, "M") < 0).Select(x => x.CustomerId), "CompareOrdinal");
        c.Refused("string/Split", Customers, q => q.Select(x => x.Email.Split('@', StringSplitOptions.None)[1]).Where(d => d.Length > 0), "");
    }
}
