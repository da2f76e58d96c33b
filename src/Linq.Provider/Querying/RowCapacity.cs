using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying;

/// <summary>
/// The most rows a list plan's statement can return, read from its <c>LIMIT</c> when that is one <c>Take</c> count sent
/// as a parameter: the executor allocates the result list at that size once instead of growing it (4, 8, 16, … and a
/// copy per step), as hand-written code does with <c>new List&lt;T&gt;(take)</c>. Only a size: a wrong hint cannot
/// change the rows, and a statement without such a limit keeps the default growth.
/// </summary>
internal sealed class RowCapacity
{
    /// <summary>
    /// The largest list allocated ahead: a generous <c>Take(10_000)</c> as a safety limit that returns a few rows must
    /// not cost a large array per call; a longer result grows from here as any list does.
    /// </summary>
    public const int Max = 128;

    private readonly int _source;

    private RowCapacity(int source) => _source = source;

    /// <summary>The capacity of a statement whose <c>LIMIT</c> is <paramref name="limit"/>; null when it is not a bound count.</summary>
    public static RowCapacity? Of(SqlExpression? limit) =>
        limit is ParameterSlot { ValueType: var type } slot && type == typeof(int) && PageCount.IsCount(slot.Transform) ? new RowCapacity(slot.Source) : null;

    /// <summary>The list's initial size for one execution's <paramref name="values"/> (a negative count takes no rows).</summary>
    public int For(object?[] values) => values[_source] is int count ? Math.Clamp(count, 0, Max) : 0;
}
