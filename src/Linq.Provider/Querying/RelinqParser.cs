using System.Diagnostics.CodeAnalysis;
using Remotion.Linq.Parsing.Structure;
using Remotion.Linq.Parsing.Structure.IntermediateModel;

namespace Linq.Querying;

/// <summary>
/// The one re-linq parser, and what it needs under trimming and NativeAOT. Remotion.Linq (netstandard1.0) carries no
/// trimming annotations: its parser creates each operator's node by reflection
/// (<c>MethodCallExpressionNodeFactory</c> invokes the node type's single public constructor), and its registry finds
/// the operators through <c>typeof(Queryable/Enumerable).GetRuntimeMethods()</c>, which the AOT compiler keeps by
/// itself. The constructors are nowhere called directly, so they are rooted here, for every node type the default
/// registries (<c>MethodInfoBasedNodeTypeRegistry</c> and <c>MethodNameBasedNodeTypeRegistry.CreateFromRelinqAssembly</c>
/// of re-linq 2.2) register. The trim and AOT warnings the compiler reports inside Remotion.Linq itself (IL2104 and
/// IL3053, one each for the assembly) come from that reflection; an application publishing with NativeAOT sees them
/// once and may suppress exactly those two (samples/Aot does, and runs every operator it uses).
/// </summary>
internal static class RelinqParser
{
    /// <summary>The shared parser: building it is costly and it is thread-safe once built.</summary>
    public static readonly QueryParser Instance = Create();

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
    private static QueryParser Create() => QueryParser.CreateDefault();
}
