namespace Linq.Chinook.Tests.Models;

/// <summary>The many-to-many link of playlists and tracks; its primary key is the pair.</summary>
[Model(Table = "playlist_track")]
public partial class PlaylistTrack
{
    [Id, Map("playlist_id")] public int PlaylistId { get; set; }
    [Relation(nameof(PlaylistId))] public Playlist? Playlist { get; set; }
    [Id, Map("track_id")] public int TrackId { get; set; }
    [Relation(nameof(TrackId))] public Track? Track { get; set; }
}
