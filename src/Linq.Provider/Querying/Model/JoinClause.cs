using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// <c>join Source in Inner on OuterKey equals InnerKey</c>: an inner join. <see cref="InnerKey"/> refers to
/// <see cref="Source"/>; <see cref="OuterKey"/> to the rows before it.
/// </summary>
internal sealed record JoinClause(QuerySource Source, Expression Inner, Expression OuterKey, Expression InnerKey) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform)
    {
        var inner = transform(Inner);
        var outerKey = transform(OuterKey);
        var innerKey = transform(InnerKey);
        return inner == Inner && outerKey == OuterKey && innerKey == InnerKey ? this : new JoinClause(Source, inner, outerKey, innerKey);
    }

    public override string ToString() => $"join {Source.ItemType.Name} {Source.Name} in {Inner} on {OuterKey} equals {InnerKey}";
}
