using static Linq.Chinook.Tests.Catalogue.Sources;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>Everyday arithmetic: rounding, Math functions, decimal arithmetic, integer division, casts.</summary>
internal static class NumberQueries
{
    public static void Add(CatalogueBuilder c)
    {
        c.Rows("number/Math.Round(decimal, 2) banker's", InvoiceLines, q => q.Select(l => new { l.InvoiceLineId, R = Math.Round(l.UnitPrice * 1.125m, 2) }));
        c.Rows("number/Math.Round(decimal) ties to even", Invoices, q => q.Select(i => new { i.InvoiceId, R = Math.Round(i.Total / 2) }));
        c.Rows("number/Math.Round AwayFromZero", Invoices, q => q.Select(i => new { i.InvoiceId, R = Math.Round(i.Total / 4, 1, MidpointRounding.AwayFromZero) }));
        c.Rows("number/Math.Round(double, 1)", Tracks, q => q.Where(t => t.AlbumId < 40).Select(t => new { t.TrackId, Seconds = Math.Round(t.Milliseconds / 1000.0, 1) }));
        c.Rows("number/Math.Round in a filter", Invoices, q => q.Where(i => Math.Round(i.Total) == 6m).Select(i => i.InvoiceId));
        c.Rows("number/Math.Floor Ceiling", Invoices, q => q.Select(i => new { i.InvoiceId, F = Math.Floor(i.Total), C = Math.Ceiling(i.Total) }));
        c.Rows("number/Math.Floor of double division", Tracks, q => q.Where(t => Math.Floor(t.Milliseconds / 60000.0) == 7).Select(t => t.TrackId));
        c.Rows("number/Math.Abs", Invoices, q => q.Where(i => Math.Abs(i.Total - 5.94m) < 1m).Select(i => i.InvoiceId));
        c.Rows("number/Math.Pow Sqrt", Tracks, q => q.Where(t => t.AlbumId < 10).Select(t => new { t.TrackId, P = Math.Pow(t.Milliseconds / 1000.0, 2), S = Math.Sqrt(t.Milliseconds) }), key: r => (r.TrackId, Math.Round(r.P, 6), Math.Round(r.S, 9)));
        c.Rows("number/Math.Max Min Sign", Invoices, q => q.Select(i => new { i.InvoiceId, Max = Math.Max(i.Total, 5m), Min = Math.Min(i.CustomerId, 10), S = Math.Sign(i.Total - 5.94m) }));
        c.Rows("number/decimal multiplication and sum", InvoiceLines, q => q.Where(l => l.UnitPrice * l.Quantity > 1m).Select(l => new { l.InvoiceLineId, Amount = l.UnitPrice * l.Quantity }));
        c.Rows("number/decimal unary minus and subtraction", Invoices, q => q.Select(i => new { i.InvoiceId, Neg = -i.Total, Diff = 20m - i.Total }));
        c.Rows("number/integer division", Tracks, q => q.Where(t => t.AlbumId < 20).Select(t => new { t.TrackId, Minutes = t.Milliseconds / 60000, Rest = t.Milliseconds % 60000 }));
        c.Rows("number/modulo in filter", Invoices, q => q.Where(i => i.InvoiceId % 7 == 3).Select(i => i.InvoiceId));
        c.Rows("number/decimal modulo", Invoices, q => q.Where(i => i.Total % 1m == 0.98m).Select(i => i.InvoiceId));
        c.Rows("number/negative modulo", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => new { t.TrackId, M = (t.TrackId - 10) % 3, D = (t.TrackId - 10) / 3 }));
        c.Rows("number/int to double division", Tracks, q => q.Where(t => (double)t.Milliseconds / t.TrackId > 50000).Select(t => t.TrackId));
        c.Rows("number/int to long multiplication", Tracks, q => q.Where(t => (long)t.Milliseconds * 1000 > 2_000_000_000L).Select(t => t.TrackId));
        c.Rows("number/int to decimal division", Tracks, q => q.Where(t => t.AlbumId < 10).Select(t => new { t.TrackId, Minutes = (decimal)t.Milliseconds / 60000m }), key: r => (r.TrackId, Math.Round(r.Minutes, 12)));
        c.Rows("number/decimal to int cast truncates", InvoiceLines, q => q.Where(l => l.InvoiceId < 30).Select(l => new { l.InvoiceLineId, Whole = (int)l.UnitPrice }));
        c.Rows("number/decimal to int cast in a filter", Invoices, q => q.Where(i => (int)i.Total == 13).Select(i => i.InvoiceId));
        c.Rows("number/double to int cast truncates", Tracks, q => q.Where(t => t.AlbumId < 20).Select(t => new { t.TrackId, Seconds = (int)(t.Milliseconds / 1000.0) }));
        c.Rows("number/double to long cast truncates", Tracks, q => q.Where(t => t.AlbumId < 20).Select(t => new { t.TrackId, Minutes = (long)(t.Milliseconds / 60000.0) }));
        c.Rows("number/decimal to double", Invoices, q => q.Select(i => new { i.InvoiceId, D = (double)i.Total }));
        c.Rows("number/double to decimal", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => new { t.TrackId, D = (decimal)(t.Milliseconds / 4.0) }));
        c.Rows("number/long to int cast", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => new { t.TrackId, I = (int)((long)t.Milliseconds / 7) }));
        c.Rows("number/nullable int arithmetic", Tracks, q => q.Where(t => t.AlbumId < 5).Select(t => new { t.TrackId, Kb = t.Bytes / 1024, Mb = (t.Bytes ?? 0) / 1048576.0 }));
        c.Rows("number/Convert.ToInt32 of decimal", Invoices, q => q.Select(i => new { i.InvoiceId, I = Convert.ToInt32(i.Total) }));
        c.Rows("number/ToString of int and decimal", Invoices, q => q.Where(i => i.InvoiceId < 40).Select(i => new { i.InvoiceId, Id = i.InvoiceId.ToString(), Total = i.Total.ToString() }));
        c.Rows("number/ToString in a filter", Invoices, q => q.Where(i => i.InvoiceId.ToString().EndsWith("7")).Select(i => i.InvoiceId));

        c.Refused("number/ToString with a format", Invoices, q => q.Select(i => i.Total.ToString("0.00")).Where(s => s.Length > 4), "Format the value after reading");
        c.Refused("number/double ToString", Tracks, q => q.Select(t => (t.Milliseconds / 1000.0).ToString()).Where(s => s.Length > 4), "ToString");
    }
}
