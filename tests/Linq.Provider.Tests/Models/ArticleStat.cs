namespace Linq.Provider.Tests.Models;

/// <summary>
/// A read-only model over the view "article_stats" (created by <see cref="Infrastructure.TestViews"/>): one row per
/// article with its label count, and a relation back to the article table by its key.
/// </summary>
[View("article_stats")]
public partial class ArticleStat
{
    [Id] public int ArticleId { get; set; }
    public required string Title { get; set; }
    public long LabelCount { get; set; }
    public int? TopWeight { get; set; }
    [Relation(nameof(ArticleId))] public Article? Article { get; set; }
}
