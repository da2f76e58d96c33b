using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Caching;

/// <summary>
/// <c>First(source.Where(predicate))</c> (FindUniqueAsync, FindFirstAsync) in its parts, before the expression is made:
/// the shape walk reads the parts as it would read the tree (<see cref="ShapeWalker.TryWalkFirstOfWhere"/>), so a plan
/// cache hit makes no call nodes (whose factories check each method's generic arguments, allocating per call).
/// </summary>
/// <param name="First">The single-row operator (Queryable.FirstOrDefault of the row type).</param>
/// <param name="Where">Queryable.Where of the row type.</param>
/// <param name="Source">The table's expression.</param>
/// <param name="Predicate">The caller's predicate.</param>
/// <param name="QuotedType">
/// The type of the predicate's quote node: <c>Expression&lt;TDelegate&gt;</c> of the predicate's delegate type (the
/// static type the caller holds; the predicate's own run-time type is an internal subclass).
/// </param>
internal readonly record struct FirstOfWhere(MethodInfo First, MethodInfo Where, Expression Source, LambdaExpression Predicate, Type QuotedType)
{
    /// <summary>The expression these parts stand for (on a plan cache miss, or where the tree itself is needed).</summary>
    public MethodCallExpression ToExpression() => Expression.Call(First, Expression.Call(Where, Source, Expression.Quote(Predicate)));
}
