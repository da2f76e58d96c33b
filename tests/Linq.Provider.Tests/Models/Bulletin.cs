namespace Linq.Provider.Tests.Models;

/// <summary>
/// Indexes over nullable columns: one column, two (both nullable), and one kept at PostgreSQL's NULL order
/// (<see cref="IndexNulls.Last"/>), for the planner tests of LINQ's NULL ordering.
/// </summary>
[Model]
[Index(nameof(PublishedAt))]
[Index(nameof(Channel), nameof(Priority))]
[Index(nameof(Score), Nulls = IndexNulls.Last)]
public partial class Bulletin
{
    [Id, AutoIncrement] public int Id { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? Channel { get; set; }
    public int? Priority { get; set; }
    public int? Score { get; set; }
}
