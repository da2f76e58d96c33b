using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary><c>DistinctBy(KeySelector)</c>: the first row of each key, in the query's ordering.</summary>
internal sealed record DistinctByOperator(Expression KeySelector) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(KeySelector) is var key && key == KeySelector ? this : new DistinctByOperator(key);

    public override string ToString() => $"DistinctBy({KeySelector})";
}
