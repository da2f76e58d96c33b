using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's parser node for <c>TakeLast(count)</c> and <c>SkipLast(count)</c>, which re-linq 2.2 predates.</summary>
internal sealed class FromEndExpressionNode : ResultOperatorExpressionNodeBase
{
    private readonly Expression _count;
    private readonly bool _skip;

    public FromEndExpressionNode(MethodCallExpressionParseInfo parseInfo, Expression count)
        : base(parseInfo, null, null)
    {
        _count = count;
        _skip = parseInfo.ParsedExpression.Method.Name == nameof(Queryable.SkipLast);
    }

    // The elements pass through unchanged, as with Take: later operators refer to what the source refers to.
    public override Expression Resolve(ParameterExpression inputParameter, Expression expressionToBeResolved, ClauseGenerationContext clauseGenerationContext) =>
        Source.Resolve(inputParameter, expressionToBeResolved, clauseGenerationContext);

    protected override ResultOperatorBase CreateResultOperator(ClauseGenerationContext clauseGenerationContext) =>
        new FromEndResultOperator(_count, _skip);
}
