using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Caching;

/// <summary>
/// The query operators we translate. Anything else from <see cref="Queryable"/> (including operators added
/// since .NET 6 that re-linq does not know, such as MaxBy, DistinctBy, Order, CountBy, LeftJoin, Index,
/// TakeLast, Take(Range)) is rejected up front with its name, instead of failing deep in the parser.
/// </summary>
internal static class Operators
{
    private static readonly FrozenSet<string> Supported = new[]
    {
        nameof(Queryable.Where), nameof(Queryable.Select), nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending),
        nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending), nameof(Queryable.Skip), nameof(Queryable.Take),
        nameof(Queryable.Distinct), nameof(Queryable.First), nameof(Queryable.FirstOrDefault), nameof(Queryable.Single),
        nameof(Queryable.SingleOrDefault), nameof(Queryable.Count), nameof(Queryable.LongCount), nameof(Queryable.Any),
        nameof(Queryable.All), nameof(Queryable.Sum), nameof(Queryable.Min), nameof(Queryable.Max), nameof(Queryable.Average),
        nameof(Queryable.GroupBy), nameof(Queryable.Union), nameof(Queryable.Concat), nameof(Queryable.Intersect), nameof(Queryable.Except),
        nameof(Queryable.Last), nameof(Queryable.LastOrDefault), nameof(Queryable.Reverse), nameof(Queryable.MaxBy), nameof(Queryable.MinBy),
        nameof(Queryable.ElementAt), nameof(Queryable.ElementAtOrDefault), nameof(Queryable.TakeLast), nameof(Queryable.SkipLast), nameof(Queryable.DistinctBy),
        nameof(Queryable.Join), nameof(Queryable.GroupJoin), nameof(Queryable.SelectMany), nameof(Queryable.DefaultIfEmpty),
        nameof(Queryable.Contains), nameof(Queryable.Cast), nameof(Queryable.OfType),
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsQueryOperator(MethodInfo method) => method.DeclaringType == typeof(Queryable);

    /// <summary>Marker methods that only mean something in SQL and must never be evaluated on the client.</summary>
    public static bool IsMarker(MethodInfo method) => method.DeclaringType == typeof(Pg);

    // Methods already checked: the check reflects over parameters, which allocates, and runs on every cache hit.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, bool> Checked = new();

    public static void EnsureSupported(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType != typeof(Queryable))
        {
            return;
        }

        if (method.Name == nameof(Queryable.Contains))
        {
            CheckContains(call);
        }

        if (Checked.ContainsKey(method))
        {
            return;
        }

        Check(call, method);
        Checked.TryAdd(method, true);
    }

    private static void Check(MethodCallExpression call, MethodInfo method)
    {
        if (!Supported.Contains(method.Name))
        {
            throw new QueryTranslationException(call, $"the operator '{method.Name}' is not supported.", Alternative(method.Name));
        }

        var parameters = method.GetParameters();
        if (parameters.Any(p => p.ParameterType == typeof(Index)))
        {
            throw new QueryTranslationException(call, $"'{method.Name}' with an Index (such as ^1) is not supported.",
                "Pass an int counted from the start (ElementAt(n)), or for ^1 use Last()/LastOrDefault() over an ordered query.");
        }

        if (parameters.Any(p => p.Name == "defaultValue" || p.ParameterType == typeof(Range)))
        {
            throw new QueryTranslationException(call, $"this overload of '{method.Name}' is not supported.", "Use the overload without a default value or range.");
        }

        if (parameters.Any(p => IsIndexedLambda(p.ParameterType)))
        {
            throw new QueryTranslationException(call, $"the overload of '{method.Name}' with an element index is not supported.");
        }

        if (parameters.Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IEqualityComparer<>))
            || parameters.Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IComparer<>)))
        {
            throw new QueryTranslationException(call, $"'{method.Name}' with a custom comparer cannot run in SQL.");
        }
    }

    // Contains is translated over a projection to a scalar (q.Select(x => x.Id).Contains(v), an IN over a query), also
    // when operators that keep the values follow the Select (Distinct, Where, OrderBy, Skip/Take: Contains then searches
    // the page); the shape of each call is checked, not only its method, as the method is the same for every source.
    private static void CheckContains(MethodCallExpression call)
    {
        if (call.Arguments.Count != 2 || !OverProjection(call.Arguments[0]) || Contract.ScalarType.Find(call.Arguments[1].Type) is null)
        {
            throw new QueryTranslationException(call, "the operator 'Contains' is supported over a projection to a scalar only (q.Select(x => x.Id).Contains(v)).",
                Alternative(nameof(Queryable.Contains)));
        }
    }

    private static bool OverProjection(Expression source)
    {
        while (source is MethodCallExpression { Method.DeclaringType: var declaring, Method.Name: var name } step && declaring == typeof(Queryable))
        {
            switch (name)
            {
                case nameof(Queryable.Select):
                    return true;
                case nameof(Queryable.Distinct) or nameof(Queryable.Where) or nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending)
                    or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending) or nameof(Queryable.Skip) or nameof(Queryable.Take):
                    source = step.Arguments[0];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsIndexedLambda(Type type)
    {
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Expression<>))
        {
            return false;
        }

        var lambda = type.GetGenericArguments()[0];
        return lambda.IsGenericType && lambda.GetGenericArguments().Length == 3 && lambda.GetGenericArguments()[1] == typeof(int)
            && lambda.GetGenericTypeDefinition() == typeof(Func<,,>);
    }

    private static string? Alternative(string name) => name switch
    {
        "UnionBy" or "IntersectBy" or "ExceptBy" => "Use Union/Intersect/Except over projections of the key, or Where(x => keys.Contains(x.Key)) / Where(x => !other.Any(o => o.Key == x.Key)); which element of a key the *By operators keep depends on source order, which SQL does not have.",
        "Order" => "Use OrderBy(x => x) instead.",
        "OrderDescending" => "Use OrderByDescending(x => x) instead.",
        "Chunk" => "Page with Skip/Take (ordered), or with keyset paging (ToPageAsync / Cursor), or load the rows and call Chunk on the list.",
        "SkipWhile" or "TakeWhile" => "SQL rows have no position to stop at; filter with Where on the ordering key instead (e.g. Where(x => x.Date < cutoff)).",
        "Aggregate" => "Use Sum/Min/Max/Average/Count, or load the rows (ToListAsync) and call Aggregate on the list.",
        "Zip" => "Load both sequences (ToListAsync) and Zip the lists.",
        "Prepend" or "Append" => "Load the rows (ToListAsync) and add the element to the list, or Concat a query that returns it.",
        "DefaultIfEmpty" => "Use FirstOrDefault/SingleOrDefault for one row, or check Any(); DefaultIfEmpty is not supported at the top level of a query.",
        "SequenceEqual" => "Load both sequences (ToListAsync) and compare the lists.",
        "CountBy" => "Use GroupBy(key).Select(g => new { g.Key, Count = g.Count() }) instead.",
        "Contains" => "Use Any(x => x.Member == value) instead.",
        "LeftJoin" => "Write the left join as GroupJoin + SelectMany: join b in db.B on a.X equals b.Y into g from b in g.DefaultIfEmpty().",
        "RightJoin" => "Swap the sides and write a left join: join a in db.A on b.Y equals a.X into g from a in g.DefaultIfEmpty().",
        _ => null,
    };
}
