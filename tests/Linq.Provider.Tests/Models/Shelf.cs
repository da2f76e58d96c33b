namespace Linq.Provider.Tests.Models;

/// <summary>A parent keyed by text: <see cref="Volume"/> levels loaded with Include are matched to it by a string key.</summary>
[Model]
public partial class Shelf
{
    [Id] public required string Code { get; set; }
    public required string Name { get; set; }
    public List<Volume> Volumes { get; set; } = [];
}
