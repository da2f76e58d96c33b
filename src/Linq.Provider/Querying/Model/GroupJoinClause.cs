using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// <c>join … into Source</c>: <see cref="Source"/> stands for the matching rows of <see cref="Join"/> of each outer
/// row (a sequence, empty when none match), read by a later <c>from x in g[.DefaultIfEmpty()]</c> or an aggregate.
/// </summary>
internal sealed record GroupJoinClause(QuerySource Source, JoinClause Join) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform) =>
        Join.Transform(transform) is JoinClause join && join != Join ? new GroupJoinClause(Source, join) : this;

    public override string ToString() => $"{Join} into {Source.ItemType.Name} {Source.Name}";
}
