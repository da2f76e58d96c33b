namespace Linq.Provider.Tests.Models;

/// <summary>A parent keyed by a <see cref="Guid"/>: <see cref="Volume"/> levels loaded with Include are matched to it by a uuid key.</summary>
[Model]
public partial class Crate
{
    [Id] public Guid Id { get; set; }
    public required string Label { get; set; }
    public DateTime PackedAt { get; set; }
    public List<Volume> Volumes { get; set; } = [];
}
