using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Clauses.ResultOperators;
using Remotion.Linq.Clauses.StreamedData;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's result operator for <c>TakeLast</c>/<c>SkipLast</c>: the count (a value placeholder).</summary>
internal sealed class FromEndResultOperator(Expression count, bool skip) : SequenceTypePreservingResultOperatorBase
{
    public Expression Count { get; private set; } = count;

    public bool Skip { get; } = skip;

    public override ResultOperatorBase Clone(CloneContext cloneContext) => new FromEndResultOperator(Count, Skip);

    public override void TransformExpressions(Func<Expression, Expression> transformation) => Count = transformation(Count);

    // Queries run in SQL, never in memory.
    public override StreamedSequence ExecuteInMemory<T>(StreamedSequence input) => throw new NotSupportedException();

    public override string ToString() => $"{(Skip ? "SkipLast" : "TakeLast")}({Count})";
}
