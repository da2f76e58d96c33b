using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

// Comparisons with null constants are intended (lifted semantics must hold in SQL).
#pragma warning disable CS0464, CS0472

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// Filters over every Chinook column type (integer, nullable integer, varchar, nullable varchar, numeric(10,2),
/// timestamp, nullable timestamp) with every comparison operator, null tests, captured values, navigations and
/// relation filters; each predicate also runs negated (its exact C# complement).
/// </summary>
[Collection("chinook")]
public sealed class FilterTests(ChinookFixture f)
{
    internal static readonly Cases<Track> TrackCases = Tracks();
    internal static readonly Cases<Invoice> InvoiceCases = Invoices();
    internal static readonly Cases<Customer> CustomerCases = Customers();
    internal static readonly Cases<Employee> EmployeeCases = Employees();
    internal static readonly Cases<Album> AlbumCases = Albums();
    internal static readonly Cases<Artist> ArtistCases = Artists();

    public static TheoryData<string> TrackNames => TrackCases.Names();
    public static TheoryData<string> InvoiceNames => InvoiceCases.Names();
    public static TheoryData<string> CustomerNames => CustomerCases.Names();
    public static TheoryData<string> EmployeeNames => EmployeeCases.Names();
    public static TheoryData<string> AlbumNames => AlbumCases.Names();
    public static TheoryData<string> ArtistNames => ArtistCases.Names();

    [Theory, MemberData(nameof(TrackNames))]
    public Task Track_where(string name) => TrackCases.RunAsync(name, f.Db.Tracks, f.Tracks, t => t.TrackId);

    [Theory, MemberData(nameof(InvoiceNames))]
    public Task Invoice_where(string name) => InvoiceCases.RunAsync(name, f.Db.Invoices, f.Invoices, i => i.InvoiceId);

    [Theory, MemberData(nameof(CustomerNames))]
    public Task Customer_where(string name) => CustomerCases.RunAsync(name, f.Db.Customers, f.Customers, c => c.CustomerId);

    [Theory, MemberData(nameof(EmployeeNames))]
    public Task Employee_where(string name) => EmployeeCases.RunAsync(name, f.Db.Employees, f.Employees, e => e.EmployeeId);

    [Theory, MemberData(nameof(AlbumNames))]
    public Task Album_where(string name) => AlbumCases.RunAsync(name, f.Db.Albums, f.Albums, a => a.AlbumId);

    [Theory, MemberData(nameof(ArtistNames))]
    public Task Artist_where(string name) => ArtistCases.RunAsync(name, f.Db.Artists, f.Artists, a => a.ArtistId);

    [Fact]
    public Task Contains_in_a_list_with_null_projected_and_negated()
    {
        int?[] withNull = [1, null];
        return Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.TrackId % 50 == 0)
            .Select(t => new { t.TrackId, In = withNull.Contains(t.MediaTypeId), Out = !withNull.Contains(t.MediaTypeId), Either = withNull.Contains(t.MediaTypeId) ? "in" : "out" }));
    }

    [Fact]
    public void Cases_are_selective()
    {
        // No track lacks bytes, none sold more than once per line, every track is in a playlist: kept for their SQL shapes.
        TrackCases.AssertSelective(f.Tracks, "composer == null && milliseconds < 0 (none)", "bytes == null", "bytes != captured null",
            "invoiceLines.Any(quantity > 1)", "!playlistTracks.Any()");
        InvoiceCases.AssertSelective(f.Invoices, "lines.All(quantity == 1)");
        CustomerCases.AssertSelective(f.Customers, "lastName == firstName");
        EmployeeCases.AssertSelective(f.Employees);
        AlbumCases.AssertSelective(f.Albums);
        ArtistCases.AssertSelective(f.Artists);
    }

    private static Cases<Track> Tracks()
    {
        var cheap = 0.99m;
        int? noBytes = null;
        string? noComposer = null;
        int[] genres = [1, 3, 7];
        List<int?> albums = [1, 2, null];
        int?[] mediaWithNull = [1, null];
        string?[] namesWithNull = ["Balls to the Wall", null];
        return new()
        {
            { "milliseconds == 343719", t => t.Milliseconds == 343719 },
            { "milliseconds != 343719", t => t.Milliseconds != 343719 },
            { "milliseconds < 200000", t => t.Milliseconds < 200_000 },
            { "milliseconds <= 200000", t => t.Milliseconds <= 200_000 },
            { "milliseconds > 400000", t => t.Milliseconds > 400_000 },
            { "milliseconds >= 400000", t => t.Milliseconds >= 400_000 },
            { "bytes == null", t => t.Bytes == null },
            { "bytes < 5000000", t => t.Bytes < 5_000_000 },
            { "bytes >= 10000000", t => t.Bytes >= 10_000_000 },
            { "bytes != captured null", t => t.Bytes != noBytes },
            { "genreId == 1", t => t.GenreId == 1 },
            { "genreId != 1 (nullable fk)", t => t.GenreId != 1 },
            { "genreId > 20", t => t.GenreId > 20 },
            { "albumId <= 10", t => t.AlbumId <= 10 },
            { "albumId == genreId (both nullable)", t => t.AlbumId == t.GenreId },
            { "mediaTypeId == 2", t => t.MediaTypeId == 2 },
            { "unitPrice == 0.99", t => t.UnitPrice == 0.99m },
            { "unitPrice != captured 0.99", t => t.UnitPrice != cheap },
            { "unitPrice > 0.99", t => t.UnitPrice > 0.99m },
            { "unitPrice < 1.99", t => t.UnitPrice < 1.99m },
            { "unitPrice >= 1.99", t => t.UnitPrice >= 1.99m },
            { "unitPrice <= 0.99", t => t.UnitPrice <= cheap },
            { "unitPrice * 100 > 100", t => t.UnitPrice * 100 > 100 },
            { "composer == null", t => t.Composer == null },
            { "composer != null", t => t.Composer != null },
            { "composer == captured null", t => t.Composer == noComposer },
            { "composer == \"U2\"", t => t.Composer == "U2" },
            { "composer != \"U2\" (keeps null)", t => t.Composer != "U2" },
            { "composer == null && milliseconds < 0 (none)", t => t.Composer == null && t.Milliseconds < 0 },
            { "name == \"Balls to the Wall\"", t => t.Name == "Balls to the Wall" },
            { "name.StartsWith(\"The \")", t => t.Name.StartsWith("The ") },
            { "name.EndsWith(\"(Live)\")", t => t.Name.EndsWith("(Live)") },
            { "name.Contains(\"love\")", t => t.Name.Contains("love") },
            { "name.Contains(\"LOVE\", OrdinalIgnoreCase)", t => t.Name.Contains("LOVE", StringComparison.OrdinalIgnoreCase) },
            { "composer.Contains(\"Jagger\")", t => t.Composer != null && t.Composer.Contains("Jagger") },
            { "composer.StartsWith(\"A\")", t => t.Composer != null && t.Composer.StartsWith("A") },
            { "genres.Contains(genreId!)", t => genres.Contains(t.GenreId!.Value) },
            { "albums (with null) Contains albumId", t => albums.Contains(t.AlbumId) },

            // Found by the generated queries: "= ANY" of a list holding NULL is NULL for a missing non-null item, so NOT lost the row.
            { "media (with null) Contains mediaTypeId (not null)", t => mediaWithNull.Contains(t.MediaTypeId) },
            { "names (with null) Contains name (not null)", t => namesWithNull.Contains(t.Name) },
            { "album.title.StartsWith(\"A\")", t => t.Album!.Title.StartsWith("A") },
            { "album.artist.name == \"AC/DC\"", t => t.Album!.Artist!.Name == "AC/DC" },
            { "genre.name == \"Rock\" || unitPrice > 0.99", t => t.Genre!.Name == "Rock" || t.UnitPrice > 0.99m },
            { "mediaType.name.Contains(\"AAC\")", t => t.MediaType!.Name!.Contains("AAC") },
            { "invoiceLines.Any()", t => t.InvoiceLines.Any() },
            { "invoiceLines.Any(quantity > 1)", t => t.InvoiceLines.Any(l => l.Quantity > 1) },
            { "invoiceLines.Count() >= 2", t => t.InvoiceLines.Count() >= 2 },
            { "playlistTracks.Any(playlist 1)", t => t.PlaylistTracks.Any(p => p.PlaylistId == 1) },
            { "!playlistTracks.Any()", t => !t.PlaylistTracks.Any() },
            { "invoiceLines.All(unitPrice == track price)", t => t.InvoiceLines.All(l => l.UnitPrice == t.UnitPrice) && t.InvoiceLines.Any() },
            { "milliseconds / 60000 == 4", t => t.Milliseconds / 60000 == 4 },
            { "milliseconds % 2 == 0", t => t.Milliseconds % 2 == 0 },
            { "(bytes ?? 0) > 8000000", t => (t.Bytes ?? 0) > 8_000_000 },
            { "(genreId == 1 || genreId == 2) && !(milliseconds < 300000)", t => (t.GenreId == 1 || t.GenreId == 2) && !(t.Milliseconds < 300_000) },
        };
    }

    private static Cases<Invoice> Invoices()
    {
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var day = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        string? noState = null;
        return new()
        {
            { "invoiceDate == 2021-01-01", i => i.InvoiceDate == day },
            { "invoiceDate != 2021-01-01", i => i.InvoiceDate != day },
            { "invoiceDate < 2023", i => i.InvoiceDate < from },
            { "invoiceDate <= 2023", i => i.InvoiceDate <= from },
            { "invoiceDate > 2023", i => i.InvoiceDate > from },
            { "invoiceDate >= 2023", i => i.InvoiceDate >= from },
            { "invoiceDate.Year == 2024", i => i.InvoiceDate.Year == 2024 },
            { "invoiceDate.Month == 2", i => i.InvoiceDate.Month == 2 },
            { "invoiceDate.Day > 25", i => i.InvoiceDate.Day > 25 },
            { "invoiceDate.DayOfWeek == Sunday", i => i.InvoiceDate.DayOfWeek == DayOfWeek.Sunday },
            { "invoiceDate.DayOfYear < 32", i => i.InvoiceDate.DayOfYear < 32 },
            { "total == 1.98", i => i.Total == 1.98m },
            { "total != 1.98", i => i.Total != 1.98m },
            { "total > 10", i => i.Total > 10m },
            { "total >= 13.86", i => i.Total >= 13.86m },
            { "total < 2", i => i.Total < 2m },
            { "total <= 0.99", i => i.Total <= 0.99m },
            { "billingState == null", i => i.BillingState == null },
            { "billingState == captured null", i => i.BillingState == noState },
            { "billingState != \"CA\" (keeps null)", i => i.BillingState != "CA" },
            { "billingPostalCode == null", i => i.BillingPostalCode == null },
            { "billingCountry == \"USA\"", i => i.BillingCountry == "USA" },
            { "billingCountry.StartsWith(\"C\")", i => i.BillingCountry!.StartsWith("C") },
            { "billingState == customer.state (both nullable)", i => i.BillingState == i.Customer!.State && i.InvoiceId % 3 == 0 },
            { "billingState != customer.state", i => i.BillingState != i.Customer!.State || i.InvoiceId % 3 == 0 },
            { "customer.country == \"Brazil\"", i => i.Customer!.Country == "Brazil" },
            { "customer.supportRep.firstName == \"Jane\"", i => i.Customer!.SupportRep!.FirstName == "Jane" },
            { "lines.Count() > 5", i => i.Lines.Count() > 5 },
            { "lines.Any(track.genre.name == \"Jazz\")", i => i.Lines.Any(l => l.Track!.Genre!.Name == "Jazz") },
            { "lines.All(quantity == 1)", i => i.Lines.All(l => l.Quantity == 1) },
            { "customerId < 10 && total > 5", i => i.CustomerId < 10 && i.Total > 5m },
        };
    }

    private static Cases<Customer> Customers()
    {
        string? none = null;
        return new()
        {
            { "company == null", c => c.Company == null },
            { "company != null", c => c.Company != null },
            { "state == captured null", c => c.State == none },
            { "state == \"CA\"", c => c.State == "CA" },
            { "state != \"CA\"", c => c.State != "CA" },
            { "fax == null", c => c.Fax == null },
            { "phone == null", c => c.Phone == null },
            { "postalCode == null", c => c.PostalCode == null },
            { "country == \"USA\" || country == \"Canada\"", c => c.Country == "USA" || c.Country == "Canada" },
            { "email.EndsWith(\"@gmail.com\")", c => c.Email.EndsWith("@gmail.com") },
            { "email.Contains(\"yahoo\")", c => c.Email.Contains("yahoo") },
            { "firstName.StartsWith(\"M\")", c => c.FirstName.StartsWith("M") },
            { "lastName == firstName", c => c.LastName == c.FirstName },
            { "supportRepId == 3", c => c.SupportRepId == 3 },
            { "supportRepId >= 4", c => c.SupportRepId >= 4 },
            { "supportRep.lastName == \"Park\"", c => c.SupportRep!.LastName == "Park" },
            { "invoices.Any(total > 20)", c => c.Invoices.Any(i => i.Total > 20m) },
            { "invoices.Count() == 7", c => c.Invoices.Count() == 7 },
            { "invoices.All(total < 20)", c => c.Invoices.All(i => i.Total < 20m) },
            { "customerId > 50", c => c.CustomerId > 50 },
        };
    }

    private static Cases<Employee> Employees()
    {
        var hired = new DateTime(2003, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        DateTime? noDate = null;
        return new()
        {
            { "reportsTo == null", e => e.ReportsTo == null },
            { "reportsTo == 2", e => e.ReportsTo == 2 },
            { "reportsTo != 2 (keeps null)", e => e.ReportsTo != 2 },
            { "reportsTo < 2", e => e.ReportsTo < 2 },
            { "hireDate < 2003", e => e.HireDate < hired },
            { "hireDate >= 2003", e => e.HireDate >= hired },
            { "hireDate > captured null", e => e.HireDate != noDate && e.HireDate > hired },
            { "birthDate.Value.Year < 1965", e => e.BirthDate!.Value.Year < 1965 },
            { "birthDate <= hireDate", e => e.BirthDate <= e.HireDate && e.EmployeeId > 4 },
            { "title == \"Sales Support Agent\"", e => e.Title == "Sales Support Agent" },
            { "title.Contains(\"Manager\")", e => e.Title!.Contains("Manager") },
            { "manager.firstName == \"Nancy\"", e => e.Manager != null && e.Manager.FirstName == "Nancy" },
            { "manager == null", e => e.Manager == null },
            { "reports.Any()", e => e.Reports.Any() },
            { "customers.Any()", e => e.Customers.Any() },
            { "customers.Count() > 20", e => e.Customers.Count() > 20 },
            { "city == \"Calgary\"", e => e.City == "Calgary" },
        };
    }

    private static Cases<Album> Albums()
    {
        var word = "Greatest";
        return new()
        {
            { "title.Contains(captured)", a => a.Title.Contains(word) },
            { "title == \"Let There Be Rock\"", a => a.Title == "Let There Be Rock" },
            { "artistId == 22", a => a.ArtistId == 22 },
            { "artistId < 10", a => a.ArtistId < 10 },
            { "artist.name.StartsWith(\"The\")", a => a.Artist!.Name!.StartsWith("The") },
            { "tracks.Count() > 20", a => a.Tracks.Count() > 20 },
            { "tracks.Any(composer == null)", a => a.Tracks.Any(t => t.Composer == null) },
            { "tracks.All(unitPrice == 0.99)", a => a.Tracks.All(t => t.UnitPrice == 0.99m) },
            { "tracks.Any(genre.name == \"Metal\")", a => a.Tracks.Any(t => t.Genre!.Name == "Metal") },
        };
    }

    private static Cases<Artist> Artists() => new()
    {
        { "albums.Any()", a => a.Albums.Any() },
        { "!albums.Any()", a => !a.Albums.Any() },
        { "albums.Count() >= 3", a => a.Albums.Count() >= 3 },
        { "name.StartsWith(\"A\")", a => a.Name!.StartsWith("A") },
        { "name.Contains(\"&\")", a => a.Name!.Contains("&") },
        { "albums.Any(tracks.Any(milliseconds > 600000))", a => a.Albums.Any(al => al.Tracks.Any(t => t.Milliseconds > 600_000)) },
    };
}
