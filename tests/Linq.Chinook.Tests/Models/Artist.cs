namespace Linq.Chinook.Tests.Models;

[Model(Table = "artist")]
public partial class Artist
{
    [Id, Map("artist_id")] public int ArtistId { get; set; }
    [Map("name")] public string? Name { get; set; }
    public List<Album> Albums { get; set; } = [];
}
