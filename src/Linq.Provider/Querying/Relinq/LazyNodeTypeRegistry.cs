using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Remotion.Linq.Parsing.Structure;
using Remotion.Linq.Parsing.Structure.IntermediateModel;
using Remotion.Linq.Parsing.Structure.NodeTypeProviders;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's default operator registry (what <c>MethodInfoBasedNodeTypeRegistry.CreateFromRelinqAssembly</c>
/// registers), filled per operator the first time a query uses it instead of all at once.
/// </summary>
/// <remarks>
/// The default registry finds every node type of re-linq's assembly by reflection and asks each for its methods, which
/// filter all of <c>Queryable</c>'s and <c>Enumerable</c>'s ≈ 500 methods: ≈ 20 ms of CPU (mostly JIT of re-linq's
/// filters) before a fresh process translates its first query. Here a method's name picks the candidate node types,
/// and only their sets are built, each by the node's own <c>GetSupportedMethods()</c> into a registry of its own, so
/// what is registered is exactly the default's (<c>OperatorRegistryTests</c> compares both over every method).
/// </remarks>
internal sealed class LazyNodeTypeRegistry : INodeTypeProvider
{
    // Read only after the type initializer (a plain dictionary: cheaper to build than a frozen one for a few look-ups).
    private static readonly Dictionary<string, Candidate[]> ByName = Candidates();

    // One immutable registry per node type, built on first use; GetOrAdd may build one twice, both are equal.
    private readonly ConcurrentDictionary<Type, MethodInfoBasedNodeTypeRegistry> _registries = new();

    public bool IsRegistered(MethodInfo method) => Find(method) is not null;

    public Type? GetNodeType(MethodInfo method) => Find(method);

    private Type? Find(MethodInfo method)
    {
        if (method.IsGenericMethod && Common.TryGetValue(method.GetGenericMethodDefinition(), out var common))
        {
            return common;
        }

        if (!ByName.TryGetValue(method.Name, out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            var registry = _registries.GetOrAdd(candidate.NodeType, static (nodeType, methods) =>
            {
                var registry = new MethodInfoBasedNodeTypeRegistry();
                registry.Register(methods(), nodeType);
                return registry;
            }, candidate.Methods);
            if (registry.IsRegistered(method))
            {
                return candidate.NodeType;
            }
        }

        return null;
    }

    // The most common Queryable operators, found without GetSupportedMethods (whose first call reflects over all of
    // Queryable's and Enumerable's methods, ≈ 5 ms of CPU); each is in its node type's set (the tests compare them).
    private static readonly Dictionary<MethodInfo, Type> Common = CommonOperators();

    private readonly record struct Candidate(Type NodeType, Func<IEnumerable<MethodInfo>> Methods);

    private static Dictionary<MethodInfo, Type> CommonOperators()
    {
        var common = new Dictionary<MethodInfo, Type>();
        void Add(Delegate method, Type nodeType) => common.Add(method.Method.GetGenericMethodDefinition(), nodeType);

        // Delegates (ldftn) rather than expression trees or look-ups by name: the cheapest way to a MethodInfo.
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, IQueryable<string>>(Queryable.Where), typeof(WhereExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, object>>, IQueryable<object>>(Queryable.Select), typeof(SelectExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, object>>, IOrderedQueryable<string>>(Queryable.OrderBy), typeof(OrderByExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, object>>, IOrderedQueryable<string>>(Queryable.OrderByDescending), typeof(OrderByDescendingExpressionNode));
        Add(new Func<IOrderedQueryable<string>, Expression<Func<string, object>>, IOrderedQueryable<string>>(Queryable.ThenBy), typeof(ThenByExpressionNode));
        Add(new Func<IOrderedQueryable<string>, Expression<Func<string, object>>, IOrderedQueryable<string>>(Queryable.ThenByDescending), typeof(ThenByDescendingExpressionNode));
        Add(new Func<IQueryable<string>, int, IQueryable<string>>(Queryable.Take), typeof(TakeExpressionNode));
        Add(new Func<IQueryable<string>, int, IQueryable<string>>(Queryable.Skip), typeof(SkipExpressionNode));
        Add(new Func<IQueryable<string>, string>(Queryable.First), typeof(FirstExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, string>(Queryable.First), typeof(FirstExpressionNode));
        Add(new Func<IQueryable<string>, string?>(Queryable.FirstOrDefault), typeof(FirstExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, string?>(Queryable.FirstOrDefault), typeof(FirstExpressionNode));
        Add(new Func<IQueryable<string>, string>(Queryable.Single), typeof(SingleExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, string>(Queryable.Single), typeof(SingleExpressionNode));
        Add(new Func<IQueryable<string>, string?>(Queryable.SingleOrDefault), typeof(SingleExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, string?>(Queryable.SingleOrDefault), typeof(SingleExpressionNode));
        Add(new Func<IQueryable<string>, int>(Queryable.Count), typeof(CountExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, int>(Queryable.Count), typeof(CountExpressionNode));
        Add(new Func<IQueryable<string>, bool>(Queryable.Any), typeof(AnyExpressionNode));
        Add(new Func<IQueryable<string>, Expression<Func<string, bool>>, bool>(Queryable.Any), typeof(AnyExpressionNode));
        return common;
    }

    // The names each node type's GetSupportedMethods() returns (re-linq 2.2); the property getters are Count's and
    // LongCount's members of List<T>, ICollection<T>, ArrayList and arrays.
    private static Dictionary<string, Candidate[]> Candidates()
    {
        var all = new Dictionary<string, List<Candidate>>();
        void Add(Type nodeType, Func<IEnumerable<MethodInfo>> methods, params ReadOnlySpan<string> names)
        {
            foreach (var name in names)
            {
                if (!all.TryGetValue(name, out var list))
                {
                    all[name] = list = [];
                }

                list.Add(new Candidate(nodeType, methods));
            }
        }

        Add(typeof(AggregateExpressionNode), AggregateExpressionNode.GetSupportedMethods, "Aggregate");
        Add(typeof(AggregateFromSeedExpressionNode), AggregateFromSeedExpressionNode.GetSupportedMethods, "Aggregate");
        Add(typeof(AllExpressionNode), AllExpressionNode.GetSupportedMethods, "All");
        Add(typeof(AnyExpressionNode), AnyExpressionNode.GetSupportedMethods, "Any");
        Add(typeof(AsQueryableExpressionNode), AsQueryableExpressionNode.GetSupportedMethods, "AsQueryable");
        Add(typeof(AverageExpressionNode), AverageExpressionNode.GetSupportedMethods, "Average");
        Add(typeof(CastExpressionNode), CastExpressionNode.GetSupportedMethods, "Cast");
        Add(typeof(ConcatExpressionNode), ConcatExpressionNode.GetSupportedMethods, "Concat");
        Add(typeof(ContainsExpressionNode), ContainsExpressionNode.GetSupportedMethods, "Contains");
        Add(typeof(CountExpressionNode), CountExpressionNode.GetSupportedMethods, "Count", "get_Count", "get_Length");
        Add(typeof(DefaultIfEmptyExpressionNode), DefaultIfEmptyExpressionNode.GetSupportedMethods, "DefaultIfEmpty");
        Add(typeof(DistinctExpressionNode), DistinctExpressionNode.GetSupportedMethods, "Distinct");
        Add(typeof(ExceptExpressionNode), ExceptExpressionNode.GetSupportedMethods, "Except");
        Add(typeof(FirstExpressionNode), FirstExpressionNode.GetSupportedMethods, "First", "FirstOrDefault");
        Add(typeof(GroupByExpressionNode), GroupByExpressionNode.GetSupportedMethods, "GroupBy");
        Add(typeof(GroupByWithResultSelectorExpressionNode), GroupByWithResultSelectorExpressionNode.GetSupportedMethods, "GroupBy");
        Add(typeof(GroupJoinExpressionNode), GroupJoinExpressionNode.GetSupportedMethods, "GroupJoin");
        Add(typeof(IntersectExpressionNode), IntersectExpressionNode.GetSupportedMethods, "Intersect");
        Add(typeof(JoinExpressionNode), JoinExpressionNode.GetSupportedMethods, "Join");
        Add(typeof(LastExpressionNode), LastExpressionNode.GetSupportedMethods, "Last", "LastOrDefault");
        Add(typeof(LongCountExpressionNode), LongCountExpressionNode.GetSupportedMethods, "LongCount", "get_LongLength");
        Add(typeof(MaxExpressionNode), MaxExpressionNode.GetSupportedMethods, "Max");
        Add(typeof(MinExpressionNode), MinExpressionNode.GetSupportedMethods, "Min");
        Add(typeof(OfTypeExpressionNode), OfTypeExpressionNode.GetSupportedMethods, "OfType");
        Add(typeof(OrderByDescendingExpressionNode), OrderByDescendingExpressionNode.GetSupportedMethods, "OrderByDescending");
        Add(typeof(OrderByExpressionNode), OrderByExpressionNode.GetSupportedMethods, "OrderBy");
        Add(typeof(ReverseExpressionNode), ReverseExpressionNode.GetSupportedMethods, "Reverse");
        Add(typeof(SelectExpressionNode), SelectExpressionNode.GetSupportedMethods, "Select");
        Add(typeof(SelectManyExpressionNode), SelectManyExpressionNode.GetSupportedMethods, "SelectMany");
        Add(typeof(SingleExpressionNode), SingleExpressionNode.GetSupportedMethods, "Single", "SingleOrDefault");
        Add(typeof(SkipExpressionNode), SkipExpressionNode.GetSupportedMethods, "Skip");
        Add(typeof(SumExpressionNode), SumExpressionNode.GetSupportedMethods, "Sum");
        Add(typeof(TakeExpressionNode), TakeExpressionNode.GetSupportedMethods, "Take");
        Add(typeof(ThenByDescendingExpressionNode), ThenByDescendingExpressionNode.GetSupportedMethods, "ThenByDescending");
        Add(typeof(ThenByExpressionNode), ThenByExpressionNode.GetSupportedMethods, "ThenBy");
        Add(typeof(UnionExpressionNode), UnionExpressionNode.GetSupportedMethods, "Union");
        Add(typeof(WhereExpressionNode), WhereExpressionNode.GetSupportedMethods, "Where");
        return all.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
