using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Compiled;

/// <summary>
/// Stands in for a compiled query's argument in its tree: a field read over a constant, which the shape walker takes
/// for a captured value (as it takes a closure field), so the compiled query and the same query written inline share
/// one plan. The field is never written: the argument's value goes straight into each execution's value array.
/// </summary>
internal sealed class ArgumentSlot<T>
{
    private static readonly FieldInfo Field = typeof(ArgumentSlot<T>).GetField(nameof(Value))!;

    // Never assigned: only read by the walker (a default value) while the shape is taken.
#pragma warning disable CS0649
    public T Value = default!;
#pragma warning restore CS0649

    /// <summary>The node that stands for the argument.</summary>
    public static MemberExpression NewNode() => Expression.Field(Expression.Constant(new ArgumentSlot<T>()), Field);
}
