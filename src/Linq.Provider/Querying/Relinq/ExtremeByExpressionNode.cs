using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's parser node for <c>MaxBy(keySelector)</c> and <c>MinBy(keySelector)</c>, which re-linq 2.2 predates: the
/// key selector is resolved against the rows it ranks, as re-linq does for an ordering.
/// </summary>
internal sealed class ExtremeByExpressionNode : ResultOperatorExpressionNodeBase
{
    private readonly LambdaExpression _keySelector;
    private readonly bool _max;

    public ExtremeByExpressionNode(MethodCallExpressionParseInfo parseInfo, LambdaExpression keySelector)
        : base(parseInfo, null, null)
    {
        _keySelector = keySelector;
        _max = parseInfo.ParsedExpression.Method.Name == nameof(Queryable.MaxBy);
    }

    // Nothing can follow an operator that returns one element.
    public override Expression Resolve(ParameterExpression inputParameter, Expression expressionToBeResolved, ClauseGenerationContext clauseGenerationContext) =>
        throw CreateResolveNotSupportedException();

    protected override ResultOperatorBase CreateResultOperator(ClauseGenerationContext clauseGenerationContext) =>
        new ExtremeByResultOperator(Source.Resolve(_keySelector.Parameters[0], _keySelector.Body, clauseGenerationContext), _max);
}
