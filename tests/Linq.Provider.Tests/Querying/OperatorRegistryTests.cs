using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Linq.Querying.Relinq;
using Remotion.Linq.Parsing.Structure;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The parser's operator registry, filled per operator on first use (<see cref="LazyNodeTypeRegistry"/>), registers
/// exactly what re-linq's reflective default registry registers: the same node type, or none, for every public method
/// of the sequence and collection types a query can call, asked in a fresh registry each time and in one shared
/// registry after all others (so an operator filled early does not change a later answer).
/// </summary>
public sealed class OperatorRegistryTests
{
    private static readonly Type[] Declaring =
    [
        typeof(Queryable), typeof(Enumerable), typeof(List<int>), typeof(ICollection<int>), typeof(IList<int>), typeof(IReadOnlyCollection<int>),
        typeof(HashSet<string>), typeof(ArrayList), typeof(Array), typeof(int[]), typeof(string), typeof(ImmutableArray<int>), typeof(Dictionary<int, string>),
        typeof(IEnumerable), typeof(ICollection), typeof(ISet<int>),
    ];

    public static TheoryData<string> DeclaringTypes() => [.. Declaring.Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(DeclaringTypes))]
    public void Every_method_gets_the_node_type_of_the_default_registry(string declaring)
    {
        var type = Declaring.Single(t => t.FullName == declaring);
        var reference = ExpressionTreeParser.CreateDefaultNodeTypeProvider();
        var shared = RelinqParser.CreateNodeTypeProvider();
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);
        Assert.NotEmpty(methods);
        var registered = 0;
        foreach (var method in methods)
        {
            var expected = reference.GetNodeType(method);
            var fresh = RelinqParser.CreateNodeTypeProvider();
            var actual = fresh.GetNodeType(method);
            if (expected is null && actual is not null)
            {
                // Only the operators re-linq predates, which we register on top of its own.
                Assert.Contains(actual, OurNodeTypes);
                Assert.Contains(method.Name, (string[])["MaxBy", "MinBy", "ElementAt", "ElementAtOrDefault", "TakeLast", "SkipLast", "DistinctBy"]);
                continue;
            }

            Assert.True(expected == actual, $"{type.Name}.{method}: expected {expected?.Name ?? "none"}, got {actual?.Name ?? "none"}");
            Assert.Equal(reference.IsRegistered(method), RelinqParser.CreateNodeTypeProvider().IsRegistered(method));
            registered += expected is null ? 0 : 1;
        }

        foreach (var method in methods.Reverse())
        {
            var expected = reference.GetNodeType(method);
            if (expected is not null)
            {
                Assert.True(expected == shared.GetNodeType(method), $"{type.Name}.{method} (shared registry)");
            }
        }

        if (type == typeof(Queryable) || type == typeof(Enumerable))
        {
            // Guards the test itself: most of the LINQ operators are registered.
            Assert.InRange(registered, 100, methods.Length);
        }
    }

    private static readonly Type[] OurNodeTypes =
        [typeof(ExtremeByExpressionNode), typeof(ElementAtExpressionNode), typeof(FromEndExpressionNode), typeof(DistinctByExpressionNode)];
}
