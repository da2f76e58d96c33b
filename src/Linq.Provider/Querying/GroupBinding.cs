using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying;

/// <summary>
/// A <c>GroupBy</c> source: its key selector and the binding of the grouped rows. Key parts are translated
/// once and reused, so <c>GROUP BY</c> and the select list carry the very same SQL (PostgreSQL matches
/// grouped expressions textually: <c>x % $1</c> and <c>x % $2</c> would not be the same).
/// </summary>
/// <param name="KeySelector">The key, over the grouped rows.</param>
/// <param name="Elements">The grouped row (the one the element selector reads, when there is one).</param>
/// <param name="ElementSelector">
/// What each element of a group is when it is not the row itself (<c>GroupBy(t =&gt; t.GenreId, t =&gt; t.Milliseconds)</c>):
/// queries over the group read it in place of their element.
/// </param>
internal sealed record GroupBinding(Expression KeySelector, SourceBinding Elements, Expression? ElementSelector = null)
{
    public Dictionary<Expression, SqlValue> Parts { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The order that stands for source order inside a group (the grouped row's primary key, as elsewhere where .NET would
    /// use source order and SQL has none), or null when elements are not told apart by it.
    /// </summary>
    public IReadOnlyList<SqlOrdering>? SourceOrder { get; init; }
}
