using System.Linq.Expressions;

namespace Linq.Querying.Compiled;

/// <summary>
/// Stands in for a compiled query's argument in its tree: a field read over a constant, which the shape walker takes
/// for a captured value (as it takes a closure field), so the compiled query and the same query written inline share
/// one plan. The field is never written: the argument's value goes straight into each execution's value array.
/// </summary>
internal sealed class ArgumentSlot<T>
{
    // The field as the compiler names it (a token, no lookup by name).
    private static readonly Expression<Func<ArgumentSlot<T>, T>> Read = slot => slot.Value;

    // Never assigned: only read by the walker (a default value) while the shape is taken.
#pragma warning disable CS0649
    public T Value = default!;
#pragma warning restore CS0649

    /// <summary>The node that stands for the argument.</summary>
    public static MemberExpression NewNode() =>
        Expression.MakeMemberAccess(Expression.Constant(new ArgumentSlot<T>()), ((MemberExpression)Read.Body).Member);
}
