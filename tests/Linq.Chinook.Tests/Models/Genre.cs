namespace Linq.Chinook.Tests.Models;

[Model(Table = "genre")]
public partial class Genre
{
    [Id, Map("genre_id")] public int GenreId { get; set; }
    [Map("name")] public string? Name { get; set; }
    public List<Track> Tracks { get; set; } = [];
}
