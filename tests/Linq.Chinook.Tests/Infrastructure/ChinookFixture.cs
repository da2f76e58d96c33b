using Linq.Chinook.Tests.Models;
using Linq.LocalPostgres;
using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Chinook.Tests.Infrastructure;

/// <summary>
/// The Chinook dataset (shared/datasets/chinook beside the repository, byte-for-byte upstream) loaded into a fresh
/// database of a private throwaway server (LINQ_TEST_DATABASE_URL, else a container, else a local cluster), once
/// per run. Every table is read back with plain Npgsql (<see cref="PlainRows"/>, columns by name) into lists
/// whose navigations are wired here, so each query can be compared with LINQ-to-Objects over rows that never
/// went through the provider. Tests must not write.
/// </summary>
public sealed class ChinookFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private string? _name;
    private ChinookDb? _db;

    public ChinookDb Db => _db ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString { get; private set; } = "";

    public List<Artist> Artists { get; private set; } = [];
    public List<Album> Albums { get; private set; } = [];
    public List<Genre> Genres { get; private set; } = [];
    public List<MediaType> MediaTypes { get; private set; } = [];
    public List<Track> Tracks { get; private set; } = [];
    public List<Playlist> Playlists { get; private set; } = [];
    public List<PlaylistTrack> PlaylistTracks { get; private set; } = [];
    public List<Employee> Employees { get; private set; } = [];
    public List<Customer> Customers { get; private set; } = [];
    public List<Invoice> Invoices { get; private set; } = [];
    public List<InvoiceLine> InvoiceLines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
        _name = "chinook_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = await _server.CreateDatabaseAsync(_name);
        await LoadAsync(ConnectionString);
        _db = new ChinookDb(ConnectionString);
        await ReadAllAsync();
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        if (_server is not null)
        {
            if (_name is not null)
            {
                await _server.DropDatabaseAsync(_name);
            }

            await _server.DisposeAsync();
        }
    }

    /// <summary>The dataset file: shared/datasets/chinook one or two levels above the repository root.</summary>
    public static string DatasetPath()
    {
        var root = RepositoryRoot();
        foreach (var up in new[] { "..", Path.Combine("..", "..") })
        {
            var path = Path.GetFullPath(Path.Combine(root, up, "shared", "datasets", "chinook", "Chinook_PostgreSql.sql"));
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("The Chinook dataset is expected in shared/datasets/chinook beside the repository (" + root + ").");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Linq.sln above " + AppContext.BaseDirectory);
    }

    private static async Task LoadAsync(string connectionString)
    {
        // The file creates its own database first (DROP/CREATE DATABASE, \c): run the rest in this one.
        var lines = (await File.ReadAllLinesAsync(DatasetPath())).Where(l => !l.StartsWith("DROP DATABASE ", StringComparison.Ordinal)
            && !l.StartsWith("CREATE DATABASE ", StringComparison.Ordinal) && !l.StartsWith("\\c ", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Join('\n', lines), connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task ReadAllAsync()
    {
        var cs = ConnectionString;
        Artists = await PlainRows.ReadAsync(cs, "SELECT * FROM artist ORDER BY artist_id", r => new Artist { ArtistId = r.Get<int>("artist_id"), Name = r.Ref<string>("name") });
        Albums = await PlainRows.ReadAsync(cs, "SELECT * FROM album ORDER BY album_id",
            r => new Album { AlbumId = r.Get<int>("album_id"), Title = r.Get<string>("title"), ArtistId = r.Get<int>("artist_id") });
        Genres = await PlainRows.ReadAsync(cs, "SELECT * FROM genre ORDER BY genre_id", r => new Genre { GenreId = r.Get<int>("genre_id"), Name = r.Ref<string>("name") });
        MediaTypes = await PlainRows.ReadAsync(cs, "SELECT * FROM media_type ORDER BY media_type_id",
            r => new MediaType { MediaTypeId = r.Get<int>("media_type_id"), Name = r.Ref<string>("name") });
        Tracks = await PlainRows.ReadAsync(cs, "SELECT * FROM track ORDER BY track_id", r => new Track
        {
            TrackId = r.Get<int>("track_id"), Name = r.Get<string>("name"), AlbumId = r.Value<int>("album_id"), MediaTypeId = r.Get<int>("media_type_id"),
            GenreId = r.Value<int>("genre_id"), Composer = r.Ref<string>("composer"), Milliseconds = r.Get<int>("milliseconds"), Bytes = r.Value<int>("bytes"),
            UnitPrice = r.Get<decimal>("unit_price"),
        });
        Playlists = await PlainRows.ReadAsync(cs, "SELECT * FROM playlist ORDER BY playlist_id", r => new Playlist { PlaylistId = r.Get<int>("playlist_id"), Name = r.Ref<string>("name") });
        PlaylistTracks = await PlainRows.ReadAsync(cs, "SELECT * FROM playlist_track ORDER BY playlist_id, track_id",
            r => new PlaylistTrack { PlaylistId = r.Get<int>("playlist_id"), TrackId = r.Get<int>("track_id") });
        Employees = await PlainRows.ReadAsync(cs, "SELECT * FROM employee ORDER BY employee_id", r => new Employee
        {
            EmployeeId = r.Get<int>("employee_id"), LastName = r.Get<string>("last_name"), FirstName = r.Get<string>("first_name"), Title = r.Ref<string>("title"),
            ReportsTo = r.Value<int>("reports_to"), BirthDate = r.Value<DateTime>("birth_date"), HireDate = r.Value<DateTime>("hire_date"),
            Address = r.Ref<string>("address"), City = r.Ref<string>("city"), State = r.Ref<string>("state"), Country = r.Ref<string>("country"),
            PostalCode = r.Ref<string>("postal_code"), Phone = r.Ref<string>("phone"), Fax = r.Ref<string>("fax"), Email = r.Ref<string>("email"),
        });
        Customers = await PlainRows.ReadAsync(cs, "SELECT * FROM customer ORDER BY customer_id", r => new Customer
        {
            CustomerId = r.Get<int>("customer_id"), FirstName = r.Get<string>("first_name"), LastName = r.Get<string>("last_name"), Company = r.Ref<string>("company"),
            Address = r.Ref<string>("address"), City = r.Ref<string>("city"), State = r.Ref<string>("state"), Country = r.Ref<string>("country"),
            PostalCode = r.Ref<string>("postal_code"), Phone = r.Ref<string>("phone"), Fax = r.Ref<string>("fax"), Email = r.Get<string>("email"),
            SupportRepId = r.Value<int>("support_rep_id"),
        });
        Invoices = await PlainRows.ReadAsync(cs, "SELECT * FROM invoice ORDER BY invoice_id", r => new Invoice
        {
            InvoiceId = r.Get<int>("invoice_id"), CustomerId = r.Get<int>("customer_id"), InvoiceDate = r.Get<DateTime>("invoice_date"),
            BillingAddress = r.Ref<string>("billing_address"), BillingCity = r.Ref<string>("billing_city"), BillingState = r.Ref<string>("billing_state"),
            BillingCountry = r.Ref<string>("billing_country"), BillingPostalCode = r.Ref<string>("billing_postal_code"), Total = r.Get<decimal>("total"),
        });
        InvoiceLines = await PlainRows.ReadAsync(cs, "SELECT * FROM invoice_line ORDER BY invoice_line_id", r => new InvoiceLine
        {
            InvoiceLineId = r.Get<int>("invoice_line_id"), InvoiceId = r.Get<int>("invoice_id"), TrackId = r.Get<int>("track_id"),
            UnitPrice = r.Get<decimal>("unit_price"), Quantity = r.Get<int>("quantity"),
        });
        Wire();
    }

    // Navigations of the in-memory rows, children ordered by key (the order the tests ask the provider for).
    private void Wire()
    {
        var artists = Artists.ToDictionary(a => a.ArtistId);
        var albums = Albums.ToDictionary(a => a.AlbumId);
        var genres = Genres.ToDictionary(g => g.GenreId);
        var media = MediaTypes.ToDictionary(m => m.MediaTypeId);
        var tracks = Tracks.ToDictionary(t => t.TrackId);
        var playlists = Playlists.ToDictionary(p => p.PlaylistId);
        var employees = Employees.ToDictionary(e => e.EmployeeId);
        var customers = Customers.ToDictionary(c => c.CustomerId);
        var invoices = Invoices.ToDictionary(i => i.InvoiceId);

        foreach (var album in Albums)
        {
            album.Artist = artists[album.ArtistId];
            album.Artist.Albums.Add(album);
        }

        foreach (var track in Tracks)
        {
            if (track.AlbumId is { } albumId)
            {
                track.Album = albums[albumId];
                track.Album.Tracks.Add(track);
            }

            if (track.GenreId is { } genreId)
            {
                track.Genre = genres[genreId];
                track.Genre.Tracks.Add(track);
            }

            track.MediaType = media[track.MediaTypeId];
            track.MediaType.Tracks.Add(track);
        }

        foreach (var link in PlaylistTracks)
        {
            link.Playlist = playlists[link.PlaylistId];
            link.Track = tracks[link.TrackId];
            link.Playlist.PlaylistTracks.Add(link);
            link.Track.PlaylistTracks.Add(link);
        }

        foreach (var employee in Employees)
        {
            if (employee.ReportsTo is { } manager)
            {
                employee.Manager = employees[manager];
                employee.Manager.Reports.Add(employee);
            }
        }

        foreach (var customer in Customers)
        {
            if (customer.SupportRepId is { } rep)
            {
                customer.SupportRep = employees[rep];
                customer.SupportRep.Customers.Add(customer);
            }
        }

        foreach (var invoice in Invoices)
        {
            invoice.Customer = customers[invoice.CustomerId];
            invoice.Customer.Invoices.Add(invoice);
        }

        foreach (var line in InvoiceLines)
        {
            line.Invoice = invoices[line.InvoiceId];
            line.Track = tracks[line.TrackId];
            line.Invoice.Lines.Add(line);
            line.Track.InvoiceLines.Add(line);
        }
    }
}

[CollectionDefinition("chinook")]
public sealed class ChinookCollection : ICollectionFixture<ChinookFixture>;
