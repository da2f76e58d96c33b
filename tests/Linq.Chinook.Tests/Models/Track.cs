namespace Linq.Chinook.Tests.Models;

[Model(Table = "track")]
public partial class Track
{
    [Id, Map("track_id")] public int TrackId { get; set; }
    [Map("name")] public required string Name { get; set; }
    [Map("album_id")] public int? AlbumId { get; set; }
    [Relation(nameof(AlbumId))] public Album? Album { get; set; }
    [Map("media_type_id")] public int MediaTypeId { get; set; }
    [Relation(nameof(MediaTypeId))] public MediaType? MediaType { get; set; }
    [Map("genre_id")] public int? GenreId { get; set; }
    [Relation(nameof(GenreId))] public Genre? Genre { get; set; }
    [Map("composer")] public string? Composer { get; set; }
    [Map("milliseconds")] public int Milliseconds { get; set; }
    [Map("bytes")] public int? Bytes { get; set; }
    [Map("unit_price")] public decimal UnitPrice { get; set; }
    public List<InvoiceLine> InvoiceLines { get; set; } = [];
    public List<PlaylistTrack> PlaylistTracks { get; set; } = [];
}
