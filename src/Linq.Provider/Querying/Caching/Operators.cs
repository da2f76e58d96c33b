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
        nameof(Queryable.GroupBy),
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsQueryOperator(MethodInfo method) => method.DeclaringType == typeof(Queryable);

    /// <summary>Marker methods that only mean something in SQL and must never be evaluated on the client.</summary>
    public static bool IsMarker(MethodInfo method) => method.DeclaringType == typeof(Pg);

    // Methods already checked: the check reflects over parameters, which allocates, and runs on every cache hit.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, bool> Checked = new();

    public static void EnsureSupported(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType != typeof(Queryable) || Checked.ContainsKey(method))
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
        if (parameters.Any(p => p.Name == "defaultValue" || p.ParameterType == typeof(Range) || p.ParameterType == typeof(Index)))
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
        "MaxBy" => "Use OrderByDescending(selector).First() instead.",
        "MinBy" => "Use OrderBy(selector).First() instead.",
        "DistinctBy" => "Use GroupBy(key).Select(g => g.Key) or Distinct over a projection instead.",
        "Order" => "Use OrderBy(x => x) instead.",
        "OrderDescending" => "Use OrderByDescending(x => x) instead.",
        "TakeLast" => "Reverse the ordering and use Take instead.",
        "SkipLast" => "Reverse the ordering and use Skip instead.",
        "Last" or "LastOrDefault" => "Reverse the ordering and use First/FirstOrDefault instead.",
        "CountBy" => "Use GroupBy(key).Select(g => new { g.Key, Count = g.Count() }) instead.",
        "Contains" => "Use Any(x => x == value) instead.",
        _ => null,
    };
}
