namespace Linq.Chinook.Tests.Models;

[Model(Table = "playlist")]
public partial class Playlist
{
    [Id, Map("playlist_id")] public int PlaylistId { get; set; }
    [Map("name")] public string? Name { get; set; }
    public List<PlaylistTrack> PlaylistTracks { get; set; } = [];
}
