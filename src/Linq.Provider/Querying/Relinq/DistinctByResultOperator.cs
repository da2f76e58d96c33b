using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Clauses.ResultOperators;
using Remotion.Linq.Clauses.StreamedData;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's result operator for <c>DistinctBy</c>: the key, resolved against the query's rows.</summary>
internal sealed class DistinctByResultOperator(Expression keySelector) : SequenceTypePreservingResultOperatorBase
{
    public Expression KeySelector { get; private set; } = keySelector;

    public override ResultOperatorBase Clone(CloneContext cloneContext) => new DistinctByResultOperator(KeySelector);

    public override void TransformExpressions(Func<Expression, Expression> transformation) => KeySelector = transformation(KeySelector);

    // Queries run in SQL, never in memory.
    public override StreamedSequence ExecuteInMemory<T>(StreamedSequence input) => throw new NotSupportedException();

    public override string ToString() => $"DistinctBy({KeySelector})";
}
