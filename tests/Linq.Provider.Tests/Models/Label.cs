namespace Linq.Provider.Tests.Models;

/// <summary>The other side of <see cref="Article.Labels"/>: no attribute on either side, both are collections.</summary>
[Model]
public partial class Label
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public int? Weight { get; set; }
    public List<Article> Articles { get; set; } = [];
}
