using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// A second <c>from Source in From</c> (SelectMany): every row before it paired with each row of
/// <see cref="From"/>, which may refer to those rows (<c>from p in u.Posts</c>).
/// </summary>
internal sealed record AdditionalFromClause(QuerySource Source, Expression From) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform) =>
        transform(From) is var from && from == From ? this : new AdditionalFromClause(Source, from);

    public override string ToString() => $"from {Source.ItemType.Name} {Source.Name} in {From}";
}
