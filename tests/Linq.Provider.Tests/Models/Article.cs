namespace Linq.Provider.Tests.Models;

/// <summary>One side of an implicit many-to-many relation with <see cref="Label"/> (join table "_ArticleToLabel").</summary>
[Model]
public partial class Article
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Title { get; set; }
    public int? Rank { get; set; }
    public List<Label> Labels { get; set; } = [];

    /// <summary>A table-to-view relation: the view's key is this article's id.</summary>
    public ArticleStat? Stat { get; set; }
}
