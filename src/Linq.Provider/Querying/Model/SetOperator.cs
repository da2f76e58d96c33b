using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>Which set operator a <see cref="SetOperator"/> is.</summary>
internal enum SetOperation
{
    /// <summary><c>Union</c>: distinct elements of either sequence.</summary>
    Union,

    /// <summary><c>Concat</c>: both sequences, duplicates kept.</summary>
    Concat,

    /// <summary><c>Intersect</c>: distinct elements of the first sequence also in the second.</summary>
    Intersect,

    /// <summary><c>Except</c>: distinct elements of the first sequence not in the second.</summary>
    Except,
}

/// <summary>
/// <c>Union</c>, <c>Concat</c>, <c>Intersect</c> or <c>Except</c> with <see cref="Second"/>: the query so far is the first
/// sequence; the second is a <see cref="SubqueryExpression"/>, a table (a constant query), or a local value.
/// <see cref="Result"/> is the source that later operators of the same query use for the combined elements, when the
/// front end gives them one (re-linq does for Union and Concat); otherwise they refer to the first sequence's selector.
/// </summary>
internal sealed record SetOperator(SetOperation Operation, Expression Second, QuerySource? Result) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Second) is var second && second == Second ? this : new SetOperator(Operation, second, Result);

    public override string ToString() => $"{Operation}({Second})";
}
