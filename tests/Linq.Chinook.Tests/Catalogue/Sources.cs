using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>The Chinook tables as catalogue sources.</summary>
internal static class Sources
{
    public static readonly Source<Artist> Artists = new(f => f.Db.Artists, f => f.Artists);
    public static readonly Source<Album> Albums = new(f => f.Db.Albums, f => f.Albums);
    public static readonly Source<Genre> Genres = new(f => f.Db.Genres, f => f.Genres);
    public static readonly Source<MediaType> MediaTypes = new(f => f.Db.MediaTypes, f => f.MediaTypes);
    public static readonly Source<Track> Tracks = new(f => f.Db.Tracks, f => f.Tracks);
    public static readonly Source<Playlist> Playlists = new(f => f.Db.Playlists, f => f.Playlists);
    public static readonly Source<PlaylistTrack> PlaylistTracks = new(f => f.Db.PlaylistTracks, f => f.PlaylistTracks);
    public static readonly Source<Employee> Employees = new(f => f.Db.Employees, f => f.Employees);
    public static readonly Source<Customer> Customers = new(f => f.Db.Customers, f => f.Customers);
    public static readonly Source<Invoice> Invoices = new(f => f.Db.Invoices, f => f.Invoices);
    public static readonly Source<InvoiceLine> InvoiceLines = new(f => f.Db.InvoiceLines, f => f.InvoiceLines);
}
