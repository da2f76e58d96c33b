using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Remotion.Linq;
using Remotion.Linq.Parsing.ExpressionVisitors.Transformation;
using Remotion.Linq.Parsing.ExpressionVisitors.TreeEvaluation;
using Remotion.Linq.Parsing.Structure;
using Remotion.Linq.Parsing.Structure.NodeTypeProviders;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's parser: a prepared tree (values already replaced by placeholders) to a <see cref="QueryModel"/>. One
/// parser is shared: building it is costly and it is thread-safe once built.
/// </summary>
/// <remarks>
/// Under trimming and NativeAOT: Remotion.Linq (netstandard1.0) carries no trimming annotations. Its parser creates
/// each operator's node by reflection (<c>MethodCallExpressionNodeFactory</c> invokes the node type's single public
/// constructor), and its registry finds the operators through <c>typeof(Queryable/Enumerable).GetRuntimeMethods()</c>,
/// which the AOT compiler keeps by itself. Nothing calls the constructors directly, so <see cref="Create"/> roots them,
/// for every node type the default registries of re-linq 2.2 register (<c>MethodInfoBasedNodeTypeRegistry</c> and
/// <c>MethodNameBasedNodeTypeRegistry.CreateFromRelinqAssembly</c>) and for our own nodes of the operators re-linq
/// predates (MaxBy/MinBy, ElementAt(OrDefault), TakeLast/SkipLast, DistinctBy). The warnings the AOT compiler reports inside
/// Remotion.Linq itself come from that reflection, once per assembly (IL2104 trim, IL3053 AOT); an application
/// publishing with NativeAOT sees those two and no others from this library (samples/Aot keeps them as warnings and
/// runs every operator it uses).
/// </remarks>
internal static class RelinqParser
{
    internal static readonly QueryParser Parser = Create();

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(MainSourceExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AggregateExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AggregateFromSeedExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AllExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AnyExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AsQueryableExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AverageExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(CastExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ConcatExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ContainsExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(CountExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(DefaultIfEmptyExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(DistinctExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ExceptExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(FirstExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(GroupByExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(GroupByWithResultSelectorExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(GroupJoinExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(IntersectExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(JoinExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(LastExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(LongCountExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(MaxExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(MinExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(OfTypeExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(OrderByDescendingExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(OrderByExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ReverseExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SelectExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SelectManyExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SingleExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SkipExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SumExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TakeExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ThenByDescendingExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ThenByExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(UnionExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(WhereExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ExtremeByExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ElementAtExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(FromEndExpressionNode))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(DistinctByExpressionNode))]
    private static QueryParser Create()
    {
        var processor = ExpressionTreeParser.CreateDefaultProcessor(ExpressionTransformerRegistry.CreateDefault(), new EverythingEvaluatable());
        return new QueryParser(new ExpressionTreeParser(CreateNodeTypeProvider(), processor));
    }

    /// <summary>
    /// re-linq's own operators (what <c>QueryParser.CreateDefault</c> registers, its method-info registry filled per
    /// operator on first use: see <see cref="LazyNodeTypeRegistry"/>), and the .NET 6+ ones it predates that we translate.
    /// </summary>
    internal static CompoundNodeTypeProvider CreateNodeTypeProvider()
    {
        var byName = new MethodNameBasedNodeTypeRegistry();
        byName.Register(ContainsExpressionNode.GetSupportedMethodNames(), typeof(ContainsExpressionNode));
        var ours = new MethodInfoBasedNodeTypeRegistry();
        ours.Register([Definition<int>(q => q.MaxBy(x => x)), Definition<int>(q => q.MinBy(x => x))], typeof(ExtremeByExpressionNode));
        ours.Register([Definition<int>(q => q.ElementAt(0)), Definition<int>(q => q.ElementAtOrDefault(0))], typeof(ElementAtExpressionNode));
        ours.Register([Definition(q => q.TakeLast(1)), Definition(q => q.SkipLast(1))], typeof(FromEndExpressionNode));
        ours.Register([Definition(q => q.DistinctBy(x => x))], typeof(DistinctByExpressionNode));
        return new CompoundNodeTypeProvider([new LazyNodeTypeRegistry(), byName, ours]);
    }

    // The operator's generic definition, taken from an expression tree (ldtoken) rather than looked up by name.
    private static MethodInfo Definition<T>(Expression<Func<IQueryable<int>, T>> call) =>
        ((MethodCallExpression)call.Body).Method.GetGenericMethodDefinition();

    // As re-linq's default: every sub-tree may be evaluated (the values are placeholders by now, so nothing is).
    private sealed class EverythingEvaluatable : EvaluatableExpressionFilterBase;

    /// <summary>Parses <paramref name="prepared"/>; what re-linq cannot parse is reported against <paramref name="original"/>.</summary>
    public static QueryModel Parse(Expression prepared, Expression original)
    {
        try
        {
            return Parser.GetParsedQuery(prepared);
        }
        catch (NotSupportedException ex)
        {
            throw new QueryTranslationException(original, ex.Message);
        }
    }
}
