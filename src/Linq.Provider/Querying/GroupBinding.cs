using System.Linq.Expressions;

namespace Linq.Querying;

/// <summary>
/// A <c>GroupBy</c> source: its key selector and the binding of the grouped rows. Key parts are translated
/// once and reused, so <c>GROUP BY</c> and the select list carry the very same SQL (PostgreSQL matches
/// grouped expressions textually: <c>x % $1</c> and <c>x % $2</c> would not be the same).
/// </summary>
internal sealed record GroupBinding(Expression KeySelector, SourceBinding Elements)
{
    public Dictionary<Expression, SqlValue> Parts { get; } = new(ReferenceEqualityComparer.Instance);
}
