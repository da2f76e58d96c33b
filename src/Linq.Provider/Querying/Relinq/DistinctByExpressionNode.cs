using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's parser node for <c>DistinctBy(keySelector)</c>, which re-linq 2.2 predates: the key selector is resolved
/// against the rows, as for an ordering; the rows pass through unchanged.
/// </summary>
internal sealed class DistinctByExpressionNode : ResultOperatorExpressionNodeBase
{
    private readonly LambdaExpression _keySelector;

    public DistinctByExpressionNode(MethodCallExpressionParseInfo parseInfo, LambdaExpression keySelector)
        : base(parseInfo, null, null) => _keySelector = keySelector;

    // The elements pass through unchanged: later operators refer to what the source refers to.
    public override Expression Resolve(ParameterExpression inputParameter, Expression expressionToBeResolved, ClauseGenerationContext clauseGenerationContext) =>
        Source.Resolve(inputParameter, expressionToBeResolved, clauseGenerationContext);

    protected override ResultOperatorBase CreateResultOperator(ClauseGenerationContext clauseGenerationContext) =>
        new DistinctByResultOperator(Source.Resolve(_keySelector.Parameters[0], _keySelector.Body, clauseGenerationContext));
}
