namespace Linq.Chinook.Tests.Models;

[Model(Table = "media_type")]
public partial class MediaType
{
    [Id, Map("media_type_id")] public int MediaTypeId { get; set; }
    [Map("name")] public string? Name { get; set; }
    public List<Track> Tracks { get; set; } = [];
}
