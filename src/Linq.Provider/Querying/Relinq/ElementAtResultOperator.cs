using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Clauses.ResultOperators;
using Remotion.Linq.Clauses.StreamedData;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's result operator for <c>ElementAt</c>/<c>ElementAtOrDefault</c>: the index (a value placeholder).</summary>
internal sealed class ElementAtResultOperator(Expression index, bool orDefault) : ChoiceResultOperatorBase(orDefault)
{
    public Expression Index { get; private set; } = index;

    public override ResultOperatorBase Clone(CloneContext cloneContext) => new ElementAtResultOperator(Index, ReturnDefaultWhenEmpty);

    public override void TransformExpressions(Func<Expression, Expression> transformation) => Index = transformation(Index);

    // Queries run in SQL, never in memory.
    public override StreamedValue ExecuteInMemory<T>(StreamedSequence input) => throw new NotSupportedException();

    public override string ToString() => $"{(ReturnDefaultWhenEmpty ? "ElementAtOrDefault" : "ElementAt")}({Index})";
}
