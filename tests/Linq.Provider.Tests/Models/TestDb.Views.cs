namespace Linq.Provider.Tests.Models;

/// <summary>A way around the read-only <see cref="View{T}"/> property, for the test that the runtime refuses it too.</summary>
public partial class TestDb
{
    internal Table<ArticleStat> ArticleStatsAsTable => GetTable<ArticleStat>();
}
