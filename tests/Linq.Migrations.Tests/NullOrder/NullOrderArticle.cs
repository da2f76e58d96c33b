using Linq;

namespace Linq.Migrations.Tests.NullOrder;

/// <summary>
/// Indexes over nullable and non-null columns, one kept at PostgreSQL's NULL order, and an optional relation whose
/// foreign key gets the index Linq adds: the shapes whose NULL order the migrations create, read back and rebuild. It
/// joins the project's one generated database, <see cref="LongNames.LongNamesDb"/>.
/// </summary>
[Model(Table = "null_order_articles")]
[Index(nameof(PublishedAt))]
[Index(nameof(Category), nameof(Rank), nameof(Score))]
[Index(nameof(Rank))]
[Index(nameof(Score), Nulls = IndexNulls.Last, Name = "null_order_articles_score_default")]
public partial class NullOrderArticle
{
    [Id, AutoIncrement] public int Id { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? Category { get; set; }
    public int Rank { get; set; }
    public int? Score { get; set; }
    public int? EditorId { get; set; }
    [Relation(nameof(EditorId))] public NullOrderEditor? Editor { get; set; }
}

/// <summary>The target of <see cref="NullOrderArticle.Editor"/>.</summary>
[Model(Table = "null_order_editors")]
public partial class NullOrderEditor
{
    [Id, AutoIncrement] public int Id { get; set; }
    public List<NullOrderArticle> Articles { get; set; } = [];
}
