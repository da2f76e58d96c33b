using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Linq.Querying.Caching;

/// <summary>
/// A lambda's parameters by index, for the shape walk of every query execution. <see cref="LambdaExpression.Parameters"/>
/// makes a collection (and a list adapter under it) on its first read, and a query's tree is new on every execution,
/// so each lambda of each query cost ≈ 56 bytes per call. Behind <see cref="LambdaExpression.Parameters"/> sit by-index
/// members (<c>ParameterCount</c>, <c>GetParameter</c>: internal to System.Linq.Expressions, the lambda's counterpart
/// of the public <see cref="IArgumentProvider"/> the walk already reads calls through); they are reached through
/// <see cref="UnsafeAccessorAttribute"/> (no reflection, compiled ahead of time under NativeAOT). They are not public
/// contract, so a runtime without them, or where they answer differently, is detected once and served by
/// <see cref="LambdaExpression.Parameters"/>.
/// </summary>
internal static class LambdaParameters
{
    // Probed once on a lambda of each internal arity class (none, one, two, many): all must answer as Parameters does.
    private static readonly bool Direct = Probe();

    public static int Count(LambdaExpression lambda) => Direct ? ParameterCount(lambda) : lambda.Parameters.Count;

    public static ParameterExpression Get(LambdaExpression lambda, int index) => Direct ? GetParameter(lambda, index) : lambda.Parameters[index];

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_ParameterCount")]
    private static extern int ParameterCount(LambdaExpression lambda);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetParameter")]
    private static extern ParameterExpression GetParameter(LambdaExpression lambda, int index);

    private static bool Probe()
    {
        try
        {
            var a = Expression.Parameter(typeof(int), "a");
            var b = Expression.Parameter(typeof(int), "b");
            var c = Expression.Parameter(typeof(int), "c");
            var d = Expression.Parameter(typeof(int), "d");
            LambdaExpression[] probes =
            [
                Expression.Lambda<Func<int>>(Expression.Constant(0)),
                Expression.Lambda<Func<int, int>>(a, a),
                Expression.Lambda<Func<int, int, int>>(b, a, b),
                Expression.Lambda<Func<int, int, int, int, int>>(d, a, b, c, d),
            ];
            foreach (var probe in probes)
            {
                var expected = probe.Parameters;
                if (ParameterCount(probe) != expected.Count)
                {
                    return false;
                }

                for (var i = 0; i < expected.Count; i++)
                {
                    if (!ReferenceEquals(GetParameter(probe, i), expected[i]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception e) when (e is MissingMemberException or NotSupportedException or InvalidProgramException)
        {
            return false;
        }
    }

    /// <summary>Whether the by-index members answered the probe (tests check that the fast path is the one taken).</summary>
    internal static bool IsDirect => Direct;
}
