namespace Linq.Chinook.Tests.Models;

[Model(Table = "album")]
public partial class Album
{
    [Id, Map("album_id")] public int AlbumId { get; set; }
    [Map("title")] public required string Title { get; set; }
    [Map("artist_id")] public int ArtistId { get; set; }
    [Relation(nameof(ArtistId))] public Artist? Artist { get; set; }
    public List<Track> Tracks { get; set; } = [];
}
