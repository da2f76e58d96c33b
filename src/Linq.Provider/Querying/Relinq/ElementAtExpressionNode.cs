using System.Linq.Expressions;
using Remotion.Linq.Clauses;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying.Relinq;

/// <summary>re-linq's parser node for <c>ElementAt(int)</c> and <c>ElementAtOrDefault(int)</c>, which re-linq 2.2 does not parse.</summary>
internal sealed class ElementAtExpressionNode : ResultOperatorExpressionNodeBase
{
    private readonly Expression _index;
    private readonly bool _orDefault;

    public ElementAtExpressionNode(MethodCallExpressionParseInfo parseInfo, Expression index)
        : base(parseInfo, null, null)
    {
        _index = index;
        _orDefault = parseInfo.ParsedExpression.Method.Name == nameof(Queryable.ElementAtOrDefault);
    }

    // Nothing can follow an operator that returns one element.
    public override Expression Resolve(ParameterExpression inputParameter, Expression expressionToBeResolved, ClauseGenerationContext clauseGenerationContext) =>
        throw CreateResolveNotSupportedException();

    protected override ResultOperatorBase CreateResultOperator(ClauseGenerationContext clauseGenerationContext) =>
        new ElementAtResultOperator(_index, _orDefault);
}
