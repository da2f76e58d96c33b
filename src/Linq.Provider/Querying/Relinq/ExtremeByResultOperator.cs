using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Clauses.ResultOperators;
using Remotion.Linq.Clauses.StreamedData;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's result operator for <c>MaxBy</c>/<c>MinBy</c>: the key, resolved against the query's rows.</summary>
internal sealed class ExtremeByResultOperator(Expression keySelector, bool max) : ChoiceResultOperatorBase(returnDefaultWhenEmpty: false)
{
    public Expression KeySelector { get; private set; } = keySelector;

    public bool Max { get; } = max;

    public override ResultOperatorBase Clone(CloneContext cloneContext) => new ExtremeByResultOperator(KeySelector, Max);

    public override void TransformExpressions(Func<Expression, Expression> transformation) => KeySelector = transformation(KeySelector);

    // Queries run in SQL, never in memory.
    public override StreamedValue ExecuteInMemory<T>(StreamedSequence input) => throw new NotSupportedException();

    public override string ToString() => $"{(Max ? "MaxBy" : "MinBy")}({KeySelector})";
}
